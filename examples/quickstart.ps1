<#
.SYNOPSIS
    Quick start: make a server image from an npm package, run it in a hardened container, list its tools, call one,
    check its health and isolation, and stop it.

.DESCRIPTION
    Shows the whole life of one server with ContainerMcp:
      Build-McpServerImage -> Start-McpServer -> Get-McpTool -> Invoke-McpTool -> Get-McpServerHealth
      -> Test-McpServerIsolation -> Stop-McpServer
    The server is the MCP reference server "everything" (@modelcontextprotocol/server-everything).

    Needs a running Docker daemon, the .NET 10 SDK (the first run builds the module with ../build.ps1), and Node.js
    with npm on this machine: npm installs the package here and the image's base is made from this machine's node,
    so no image registry is used and nothing is pulled (npm needs its registry, or a cache that has the package).

    Run it from anywhere:
        pwsh ./examples/quickstart.ps1
    or with an image you already have whose entrypoint is server-everything (this repository's test rig builds one):
        pwsh ./examples/quickstart.ps1 -Image containermcp/everything:local
#>
param(
    # The server's name in this session.
    [string] $Name = 'everything',

    # An image to run instead of building one; its entrypoint must be server-everything.
    [string] $Image,

    # Where the module is; by default the build output of this repository, built when missing.
    [string] $ModulePath = (Join-Path $PSScriptRoot '../out/ContainerMcp/ContainerMcp.psd1')
)

$ErrorActionPreference = 'Stop'
$ModulePath = $ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($ModulePath)
if (-not (Test-Path $ModulePath)) {
    Write-Host "The module is not built yet: building it (dotnet publish, about a minute the first time)."
    & (Join-Path $PSScriptRoot '../build.ps1') -OutputPath (Split-Path -Parent $ModulePath)
}
Import-Module $ModulePath

$built = $null
if (-not $Image) {
    # npm installs the package on this machine; the image reuses itself while nothing it is made from changes.
    # (Start-McpServer $Name -Package '@modelcontextprotocol/server-everything' does both steps in one.)
    $built = Build-McpServerImage -Runtime node -Package '@modelcontextprotocol/server-everything'
    "Image $($built.Name) ($(if ($built.Reused) { 'reused' } else { 'built' }))"
}

try {
    # No network, a read-only root, no capabilities, a non-root user and a memory cap; stdio is attached, no port opened.
    # The built image runs the package's own program, as npx would (server-everything speaks stdio by default).
    $server = if ($built) { $built | Start-McpServer $Name -MemoryMB 256 } else { Start-McpServer $Name -Image $Image -MemoryMB 256 }
    "Started '$($server.Name)' ($($server.ServerInfoName) $($server.ServerInfoVersion)) in container $($server.ShortId)"

    # What can it do?
    Get-McpServer $Name | Get-McpTool | Format-Table Name, Description

    # Call a tool: arguments are a hashtable, checked against the tool's input schema before they are sent.
    $result = Invoke-McpTool -ServerName $Name -Name echo -Arguments @{ message = 'Hello from PowerShell' }
    "echo said: $($result.Text) (in $([int]$result.Duration.TotalMilliseconds) ms)"

    # Is it well? Status is Healthy, Unhealthy or Stopped.
    Get-McpServerHealth $Name | Format-List ServerName, Status, PingMs, ContainerState, MemoryMB, Uptime

    # What did its container really get? Each check reads the container's configuration back from Docker.
    $isolation = Test-McpServerIsolation $Name
    $isolation.Checks | Format-Table
    "Isolated: $($isolation.IsIsolated)"
}
finally {
    # Stopping removes the container too; this runs after an error or Ctrl+C as well.
    if (Get-McpServer $Name -ErrorAction SilentlyContinue) { Stop-McpServer $Name -Confirm:$false }
}
