#!/bin/bash
grep -q "official agent" /tmp/slipway-official-agent-site/index.html && echo "ValidateService ok"
