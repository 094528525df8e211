<#
.SYNOPSIS
    Quick start: run an MCP server in a hardened container, list its tools, call one, check its health, stop it.

.DESCRIPTION
    Shows the whole life of one server with ContainerMcp:
      Start-McpServer -> Get-McpTool -> Invoke-McpTool -> Get-McpServerHealth -> Stop-McpServer
    The server is the MCP "everything" reference server; any image whose entrypoint speaks MCP over stdio works.

    Run it (Docker running, module built with `pwsh ./build.ps1`):
        pwsh ./examples/quickstart.ps1
        pwsh ./examples/quickstart.ps1 -Image mcp/everything:latest
#>
param(
    # An image whose entrypoint is an MCP server speaking stdio.
    [string] $Image = 'containermcp/everything:local',

    # Where the module is; by default the build output of this repository.
    [string] $ModulePath = (Join-Path $PSScriptRoot '../out/ContainerMcp/ContainerMcp.psd1')
)

$ErrorActionPreference = 'Stop'
Import-Module $ModulePath

# Runs with no network, a read-only root, no capabilities, and a memory cap; stdio is attached, no port is opened.
Start-McpServer everything -Image $Image -MemoryMB 256
try {
    # What can it do?
    Get-McpServer everything | Get-McpTool | Format-Table Name, Description

    # Call a tool: arguments are a hashtable, checked against the tool's input schema before they are sent.
    $result = Invoke-McpTool -ServerName everything -Name echo -Arguments @{ message = 'Hello from PowerShell' }
    "echo said: $($result.Text) (in $([int]$result.Duration.TotalMilliseconds) ms)"

    # Is it well? Status is Healthy, Unhealthy or Stopped.
    Get-McpServerHealth everything | Format-List ServerName, Status, PingMs, ContainerState, MemoryMB, Uptime
}
finally {
    # Stopping removes the container too.
    Stop-McpServer everything -Confirm:$false
}
