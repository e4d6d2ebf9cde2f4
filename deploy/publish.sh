#!/usr/bin/env bash
# Publishes MoneroNet for linux-x64 as one self-contained executable (no .NET runtime needed on the host; the project
# did not adopt native AOT): deploy/out/linux-x64/moneronet. usage: deploy/publish.sh [output-directory]
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
out=${1:-$root/deploy/out/linux-x64}
dotnet publish "$root/src/MoneroNet.Node/MoneroNet.Node.csproj" -c Release -r linux-x64 --self-contained \
  -p:PublishSingleFile=true -p:IncludeNativeLibrariesForSelfExtract=true -o "$out"
echo "$out/moneronet"
