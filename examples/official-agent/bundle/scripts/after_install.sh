#!/bin/bash
echo "AfterInstall: $(cat /tmp/slipway-official-agent-site/index.html)"
