@{
    RootModule           = 'ContainerMcp.dll'
    ModuleVersion        = '0.1.0'
    GUID                 = '5b0c3f7e-8d2a-4c61-9e4b-2f7a6d1c9e30'
    Author               = 'ContainerMcp contributors'
    CompanyName          = 'ContainerMcp'
    Copyright            = '(c) ContainerMcp contributors.'
    Description          = 'Runs MCP (Model Context Protocol) servers in hardened Docker containers and calls their tools, resources and prompts from PowerShell.'
    CompatiblePSEditions = @('Core')
    PowerShellVersion    = '7.6'
    FormatsToProcess     = @('ContainerMcp.format.ps1xml')
    CmdletsToExport      = @(
        'Start-McpServer'
        'Get-McpServer'
        'Stop-McpServer'
        'Restart-McpServer'
        'Remove-McpServer'
        'Get-McpTool'
        'Invoke-McpTool'
        'Import-McpTool'
        'Get-McpServerHealth'
        'Get-McpServerLog'
        'Set-McpClientHandler'
        'Register-McpResourceEvent'
        'Get-McpAuditLog'
        'Get-McpResource'
        'Read-McpResource'
        'Get-McpPrompt'
        'Invoke-McpPrompt'
        'Import-McpServerConfig'
        'Export-McpServerConfig'
        'Build-McpServerImage'
        'Get-McpServerImage'
        'Remove-McpServerImage'
        'Request-McpServerImage'
        'Test-McpServerIsolation'
        'Get-McpStateVolume'
        'Remove-McpStateVolume'
        'Get-McpEngine'
    )
    FunctionsToExport    = @()
    AliasesToExport      = @()
    VariablesToExport    = @()
    PrivateData          = @{
        PSData = @{
            Tags         = @('MCP', 'ModelContextProtocol', 'Docker', 'Containers', 'Sandbox', 'Security', 'AI', 'Linux', 'macOS', 'Windows')
            LicenseUri   = 'https://github.com/containermcp/containermcp/blob/main/LICENSE'
            ProjectUri   = 'https://github.com/containermcp/containermcp'
            ReleaseNotes = @'
0.1.0 - first release.
- Start-McpServer runs an MCP server in a hardened container (non-root, read-only root, no capabilities,
  no network unless asked, memory/CPU/PID limits) and talks to it over the container's attached stdio.
- Tools, resources and prompts from PowerShell: Get-McpTool, Invoke-McpTool, Get-McpResource,
  Read-McpResource, Get-McpPrompt, Invoke-McpPrompt.
- Servers from YAML, Claude Desktop / VS Code JSON and MCP Hub configurations; secrets resolved only at start.
- Build-McpServerImage makes node and python server images offline, from the runtimes on this machine.
- Restarts with backoff, on-demand and pre-warmed servers, rotation, call timeouts.
- An audit log of every call, metrics and traces (OpenTelemetry), Test-McpServerIsolation for Pester checks.
'@
        }
    }
}
