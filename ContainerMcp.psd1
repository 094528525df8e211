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
        'Get-McpServerHealth'
        'Get-McpServerLog'
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
    )
    FunctionsToExport    = @()
    AliasesToExport      = @()
    VariablesToExport    = @()
    PrivateData          = @{
        PSData = @{
            Tags       = @('MCP', 'ModelContextProtocol', 'Docker', 'Containers', 'AI')
            ProjectUri = 'https://github.com/containermcp/containermcp'
        }
    }
}
