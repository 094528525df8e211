<#
.SYNOPSIS
    Query PostgreSQL through the MCP postgres server, and work with the rows as PowerShell objects.

.DESCRIPTION
    Shows:
      - making the server image from the npm package @modelcontextprotocol/server-postgres (as the quick start does:
        npm and node on this machine, no image registry), unless -Image names one;
      - starting server-postgres with the database URL as its command, on the host network;
      - passing the password in the container's environment (PGPASSWORD), never in the URL or the script;
      - rows coming back in .Data as objects, ready for Where-Object, Sort-Object, Export-Csv …

    The password comes from -PasswordFile, or else from the environment variable named by -PasswordVariable
    (PGPASSWORD by default). Run it:
        $env:PGPASSWORD = Read-Host -MaskInput 'Password'
        pwsh ./examples/postgres-query.ps1 -Url postgresql://reader@127.0.0.1:5432/app
    or, with a password file (this repository's test rig writes one):
        . ./.rig/env   # in bash; or pass the values yourself
        pwsh ./examples/postgres-query.ps1 -Url $CONTAINERMCP_PG_URL -PasswordFile $CONTAINERMCP_PG_PASSWORD_FILE

    Needs a PostgreSQL with a table that has the columns id and name (-Table, items by default), and what the quick
    start needs (Docker, node and npm, the module built). The database must listen where the container can reach it;
    with -Network host that is the host's loopback.
#>
param(
    # postgresql://user@host:port/database — without the password.
    [Parameter(Mandatory)]
    [string] $Url,

    # A file that holds the password (only the first line is used).
    [string] $PasswordFile,

    # Else, the environment variable that holds the password.
    [string] $PasswordVariable = 'PGPASSWORD',

    # The table to read; it needs the columns id and name.
    [string] $Table = 'items',

    # An image whose entrypoint is server-postgres (the test rig's is containermcp/postgres:local); made when not given.
    [string] $Image,

    [string] $ModulePath = (Join-Path $PSScriptRoot '../out/ContainerMcp/ContainerMcp.psd1')
)

$ErrorActionPreference = 'Stop'
Import-Module $ModulePath

$password = if ($PasswordFile) { (Get-Content -TotalCount 1 -LiteralPath $PasswordFile).Trim() }
            else { [Environment]::GetEnvironmentVariable($PasswordVariable) }
if (-not $password) { throw "No password: pass -PasswordFile, or set `$env:$PasswordVariable." }

if (-not $Image) { $Image = (Build-McpServerImage -Runtime node -Package '@modelcontextprotocol/server-postgres@0.6.2').Name }

Start-McpServer pg -Image $Image -Network host -Command $Url -Environment @{ PGPASSWORD = $password }
try {
    # The server has one tool, query, which runs SQL in a read-only transaction.
    Get-McpServer pg | Get-McpTool | Format-Table Name, Description

    $result = Get-McpTool -ServerName pg -Name query |
        Invoke-McpTool -Arguments @{ sql = "select id, name from $Table order by id" }

    # .Text is what the server sent; .Data is the same JSON as objects.
    "All rows:"
    $result.Data | Format-Table

    "Rows with id > 1:"
    $result.Data | Where-Object id -gt 1 | Format-Table
}
finally {
    Stop-McpServer pg -Confirm:$false
}
