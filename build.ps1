#requires -Version 7.6
<#
.SYNOPSIS
    Builds the ContainerMcp module into out/ContainerMcp, and optionally runs its Pester tests or makes its gallery package.
.DESCRIPTION
    The layout (ContainerMcp.dll, manifest, format file and help at the top; the engine and its dependencies
    under Dependencies/) comes from the MSBuild target in src/ContainerMcp/ContainerMcp.csproj, so
    `dotnet publish src/ContainerMcp -c Release -o out/ContainerMcp` gives the same module without PowerShell.
.EXAMPLE
    ./build.ps1
.EXAMPLE
    ./build.ps1 -Task Test
.EXAMPLE
    ./build.ps1 -Task Package

    Builds, then publishes the gallery package (ContainerMcp.<version>.nupkg) into the file repository
    out/repository. Install it as users install modules:
        Register-PSResourceRepository ContainerMcpLocal -Uri ./out/repository -Trusted
        Install-PSResource ContainerMcp -Repository ContainerMcpLocal
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Package')]
    [string] $Task = 'Build',
    [string] $Configuration = 'Release',
    [string] $OutputPath = "$PSScriptRoot/out/ContainerMcp",
    # The file repository -Task Package publishes into.
    [string] $RepositoryPath = "$PSScriptRoot/out/repository"
)
$ErrorActionPreference = 'Stop'

function Invoke-Build {
    # A stale Dependencies/ (a removed package) must not linger in the module folder.
    if (Test-Path $OutputPath) { Remove-Item $OutputPath -Recurse -Force }
    dotnet publish "$PSScriptRoot/src/ContainerMcp/ContainerMcp.csproj" -c $Configuration -o $OutputPath --nologo
    if ($LASTEXITCODE -ne 0) { throw "dotnet publish failed with exit code $LASTEXITCODE." }
    Write-Host "Module laid out in $OutputPath"
}

function Invoke-Test {
    # Every Pester file: the module against the rig (ContainerMcp.Tests.ps1), its help (Help.Tests.ps1), and any added.
    # ContainerMcp.Tests.ps1 runs first: it proves the audit log honours CONTAINERMCP_AUDIT_LOG, which the session
    # reads once, when the module is first used in this process.
    $tests = @(Get-ChildItem "$PSScriptRoot/tests" -Filter '*.Tests.ps1' -File |
        Sort-Object { $_.Name -ne 'ContainerMcp.Tests.ps1' }, Name | ForEach-Object FullName)
    if (-not $tests) { Write-Warning "No Pester suite (*.Tests.ps1) in $PSScriptRoot/tests; nothing to run."; return }
    Import-Module Pester -MinimumVersion 5.0
    $config = New-PesterConfiguration
    $config.Run.Path = $tests
    $config.Run.Exit = $false
    $config.Run.Throw = $false
    $config.Run.PassThru = $true
    $config.Output.Verbosity = 'Detailed'
    $config.TestResult.Enabled = $true
    $config.TestResult.OutputPath = "$PSScriptRoot/out/testResults.xml"
    # Tells the suite which module to import (the one just built).
    $env:CONTAINERMCP_MODULE_PATH = Join-Path $OutputPath 'ContainerMcp.psd1'
    $result = Invoke-Pester -Configuration $config
    # A failed BeforeAll/AfterAll or a file that does not run is a failure too, though no single test failed.
    $failed = $result.FailedCount + $result.FailedBlocksCount + $result.FailedContainersCount
    Write-Host "pester: $($result.PassedCount) passed, $failed failed, $($result.SkippedCount) skipped"
    if ($result.FailedCount -gt 0 -or $result.Result -ne 'Passed') {
        Write-Error "Pester: $failed test(s) or block(s) failed." -ErrorAction Continue
        exit 1
    }
}

function Invoke-Package {
    # PSResourceGet publishes only to a registered repository. Registered under a name of this run's own and
    # unregistered after, so the user's repository list ends as it began.
    $null = New-Item -ItemType Directory -Force $RepositoryPath
    $version = (Import-PowerShellDataFile (Join-Path $OutputPath 'ContainerMcp.psd1')).ModuleVersion
    $package = Join-Path $RepositoryPath "ContainerMcp.$version.nupkg"
    # A repository refuses a version it already holds: a rebuild replaces it.
    if (Test-Path $package) { Remove-Item $package -Force }
    $repository = "ContainerMcpBuild-$PID"
    Register-PSResourceRepository -Name $repository -Uri $RepositoryPath -Trusted
    try {
        Publish-PSResource -Path $OutputPath -Repository $repository
    }
    finally {
        Unregister-PSResourceRepository -Name $repository
    }
    Write-Host "Package $package"
}

Invoke-Build
if ($Task -eq 'Test') { Invoke-Test }
if ($Task -eq 'Package') { Invoke-Package }
