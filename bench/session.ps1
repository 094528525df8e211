#requires -Version 7.6
<#
.SYNOPSIS
    The session part of the benchmark: what a PowerShell user of the module pays. bench/run.sh runs it after the
    engine benchmark (or alone: bench/run.sh --session-only).
.DESCRIPTION
    Prints each figure with its target and "met" or "NOT met" (medians throughout):
      import    Import-Module against a bare `pwsh -c 1`, in fresh processes, pair by pair.
      call      Invoke-McpTool in a loop against the engine's own warm call, same process, same server, interleaved blocks.
      scale     -Servers idle servers (the rig's tiny meta-server.js): memory per server and threads, 10 against -Servers.
      pipeline  -Piped configurations piped into Start-McpServer, then Get-McpServer | Stop-McpServer, against one start and one stop.
    Every container it starts is stopped; the last line says whether any of this process's containers is left.
#>
[CmdletBinding()]
param(
    [string] $ModulePath = "$PSScriptRoot/../out/ContainerMcp/ContainerMcp.psd1",
    # Which parts, comma-separated (one string, so that pwsh -File passes it whole): import, call, pipeline, scale.
    [ValidatePattern('^(import|call|pipeline|scale)(,(import|call|pipeline|scale))*$')] [string] $Part = 'import,call,pipeline,scale',
    [int] $ImportRuns = 10,
    [int] $Calls = 1000,
    [int] $Servers = 100,
    [int] $Piped = 20,
    [int] $Rounds = 3
)
$ErrorActionPreference = 'Stop'
$parts = $Part -split ','
Set-StrictMode -Version Latest
. "$PSScriptRoot/session/Measure.ps1"

$ModulePath = (Resolve-Path $ModulePath).Path
$root = (Resolve-Path "$PSScriptRoot/..").Path
$nodeImage = $env:CONTAINERMCP_IMAGE_NODE ?? 'containermcp/node:local'
$everything = $env:CONTAINERMCP_IMAGE_EVERYTHING ?? 'containermcp/everything:local'
$light = @{ Image = $nodeImage; Volume = "$root/tests/rig/servers:/srv:ro"; Command = '/srv/meta-server.js' }
# The cap is read when the module first builds its registry: raised here for the scale run (and the rig's other work).
$env:CONTAINERMCP_MAX_CONTAINERS = [Math]::Max($Servers, $Piped) + 8

Write-Host "ContainerMcp benchmark — the session ($([Environment]::ProcessorCount) cores; PowerShell $($PSVersionTable.PSVersion))"
if ('import' -in $parts) { Measure-ImportCost -ModulePath $ModulePath -Runs $ImportRuns }

Import-Module $ModulePath
try {
    if ('call' -in $parts) { Measure-CallCost -Image $everything -Calls $Calls -ModulePath $ModulePath }
    if ('pipeline' -in $parts) { Measure-PipelineCost -Light $light -Count $Piped -Rounds $Rounds }
    if ('scale' -in $parts) { Measure-ScaleCost -Light $light -Count $Servers }
}
finally {
    Get-McpServer | Stop-McpServer -Confirm:$false -ErrorAction Continue
    $left = @(docker ps -aq --filter "label=io.containermcp.owner.pid=$PID")
    Write-Host ("containers left by this session: {0}" -f $left.Count)
}
