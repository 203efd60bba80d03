#!/usr/bin/env bash
# One Server deployment by AWS's own CodeDeploy agent, unmodified, against a running Slipway.
#
#   examples/official-agent/run.sh AGENT_DIR [https|beta|secure]
#
# AGENT_DIR is a checkout of github.com/aws/aws-codedeploy-agent (1.8.1 was run this way). Its Ruby
# gems come from Debian (see README.md); gli, which Debian lacks, is the stand-in in gli/.
#   https  (default) the agent's default profile: it checks Slipway's certificate and speaks HTTPS.
#          Start Slipway with `./slipway server --tls` and set SLIPWAY_CA to the PEM it printed.
#   beta   `:codedeploy_test_profile: beta`: no certificate check, plain HTTP.
#   secure `:enable_auth_policy: true` over HTTPS: the codedeploy-commands-secure service.
# SLIPWAY_URL overrides the endpoint (default https://127.0.0.1:4599, or http:// for beta).
# Everything the agent writes goes below a temporary directory; the instance, application and
# deployment group it makes are named after the mode and this process.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
agent_dir="$(cd "${1:?usage: run.sh AGENT_DIR [https|beta|secure]}" && pwd)"
mode="${2:-https}"
case "$mode" in
  https|secure) url="${SLIPWAY_URL:-https://127.0.0.1:4599}"
                ca="${SLIPWAY_CA:?set SLIPWAY_CA to the PEM slipway server --tls printed}"
                export AWS_CA_BUNDLE="$ca" AWS_SSL_CA_BUNDLE="$ca" SSL_CERT_FILE="$ca" ;;
  beta)         url="${SLIPWAY_URL:-http://127.0.0.1:4599}" ;;
  *)            echo "unknown mode $mode: https, beta or secure" >&2; exit 2 ;;
esac
export AWS_ENDPOINT_URL="$url" AWS_DEFAULT_REGION=us-east-1 AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test
name="official-$mode-$$"
work="$(mktemp -d)"
mkdir -p "$work/log" "$work/pid" "$work/root"

cat > "$work/codedeployagent.yml" <<YAML
---
:log_dir: '$work/log/'
:pid_dir: '$work/pid/'
:program_name: codedeploy-agent
:root_dir: '$work/root'
:on_premises_config_file: '$work/codedeploy.onpremises.yml'
:verbose: true
:wait_between_runs: 1
:max_revisions: 5
:deploy_control_endpoint: $url
:s3_endpoint_override: $url
$( [ "$mode" = beta ] && echo ":codedeploy_test_profile: beta" )
$( [ "$mode" = secure ] && echo ":enable_auth_policy: true" )
YAML
cat > "$work/codedeploy.onpremises.yml" <<YAML
---
aws_access_key_id: test
aws_secret_access_key: test
iam_user_arn: arn:aws:iam::000000000000:user/$name
region: us-east-1
YAML

agent() {
  GEM_PATH="$here/gli:$(gem env gempath)" ruby "$agent_dir/bin/codedeploy-agent" --config_file "$work/codedeployagent.yml" "$@"
}
trap 'agent stop >/dev/null 2>&1 || true' EXIT

aws deploy register-on-premises-instance --instance-name "$name" --iam-user-arn "arn:aws:iam::000000000000:user/$name"
aws deploy add-tags-to-on-premises-instances --instance-names "$name" --tags "Key=Name,Value=$name"
aws deploy create-application --application-name "$name" --compute-platform Server >/dev/null
aws deploy create-deployment-group --application-name "$name" --deployment-group-name hosts \
  --service-role-arn arn:aws:iam::000000000000:role/cd \
  --on-premises-instance-tag-filters "Key=Name,Value=$name,Type=KEY_AND_VALUE" >/dev/null
aws s3 mb "s3://$name" >/dev/null
(cd "$here/bundle" && zip -qr "$work/bundle.zip" .)
aws s3 cp "$work/bundle.zip" "s3://$name/site.zip" >/dev/null

agent start
deployment=$(aws deploy create-deployment --application-name "$name" --deployment-group-name hosts \
  --s3-location "bucket=$name,key=site.zip,bundleType=zip" --query deploymentId --output text)
echo "deployment $deployment; the agent logs to $work/log"
status=InProgress
for _ in $(seq 1 90); do
  status=$(aws deploy get-deployment --deployment-id "$deployment" --query deploymentInfo.status --output text)
  case "$status" in Succeeded|Failed|Stopped) break ;; esac
  sleep 2
done
aws deploy get-deployment-instance --deployment-id "$deployment" --instance-id "$name" --output text \
  --query 'instanceSummary.lifecycleEvents[].[lifecycleEventName,status,diagnostics.errorCode,diagnostics.message]'
echo "$deployment: $status"
[ "$status" = Succeeded ]
