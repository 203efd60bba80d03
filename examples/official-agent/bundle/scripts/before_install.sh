#!/bin/bash
echo "BeforeInstall for $DEPLOYMENT_ID in $DEPLOYMENT_GROUP_NAME ($LIFECYCLE_EVENT)"
rm -rf /tmp/slipway-official-agent-site
