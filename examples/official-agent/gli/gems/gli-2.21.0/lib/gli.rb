# A minimal stand-in for the gli gem (not packaged by Debian): just what the CodeDeploy agent's
# bin script uses — global flags with defaults, commands with actions, pre and on_error hooks.
module GLI
  module App
    Command = Struct.new(:name, :block) do
      def action(&block) = (@action = block)
      def run(global) = @action.call(global, {}, [])
    end

    def program_desc(*) = nil
    def desc(*) = nil
    def arg_name(*) = nil
    def default_value(value) = (@gli_default = value)

    def flag(names)
      (@gli_flags ||= {})[Array(names).first.to_sym] = @gli_default
    end

    def command(name, &block)
      cmd = Command.new(name.to_s)
      block.call(cmd)
      (@gli_commands ||= {})[name.to_s] = cmd
    end

    def pre(&block) = (@gli_pre = block)
    def on_error(&block) = (@gli_on_error = block)

    def run(argv)
      global = (@gli_flags || {}).dup
      args = argv.dup
      while args.first&.start_with?('-')
        key = args.shift.sub(/\A-+/, '')
        key, value = key.split('=', 2)
        global[key.to_sym] = value || args.shift
      end
      cmd = @gli_commands[args.first.to_s] or (warn "unknown command #{args.first}"; return 64)
      @gli_pre&.call(global, cmd, {}, args)
      cmd.run(global)
      0
    rescue StandardError => e
      warn "error: #{e.message}"
      @gli_on_error&.call(e)
      1
    end
  end
end
