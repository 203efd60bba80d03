#!/bin/bash
echo "ApplicationStart $DEPLOYMENT_ID"
