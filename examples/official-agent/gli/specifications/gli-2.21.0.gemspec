Gem::Specification.new do |s|
  s.name = "gli"
  s.version = "2.21.0"
  s.summary = "a stand-in for the gli gem with what the CodeDeploy agent uses"
  s.authors = ["Slipway"]
  s.require_paths = ["lib"]
  s.files = ["lib/gli.rb"]
end
