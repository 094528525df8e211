#Requires -Version 7.6
#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.5' }
<#
    The module installed the way users install modules: ./build.ps1 -Task Package publishes the gallery package
    into a file repository; a user registers it, Install-PSResource puts the module in their CurrentUser scope, and a
    new PowerShell finds it by name.

    The user here is a scratch one: the child processes get HOME and the XDG folders inside TestDrive, so the
    CurrentUser scope, the repository list and the audit log land there and the real user's modules are untouched.
    Needs the .NET SDK (the package step builds), a Docker daemon and the rig's everything image (bash tests/rig/up.sh).
    Run with  pwsh -NoProfile -c 'Invoke-Pester ./tests/Install.Tests.ps1 -Output Detailed'
#>

BeforeDiscovery {
    # CurrentUser is Documents\PowerShell\Modules on Windows, which no environment variable moves.
    $script:NoScratchUser = $IsWindows
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'PwshProcess.ps1')
    $script:Root = (Resolve-Path (Join-Path $PSScriptRoot '..')).Path
    $script:Image = $env:CONTAINERMCP_IMAGE_EVERYTHING
    if (-not $script:Image) { $script:Image = 'containermcp/everything:local' }
    docker image inspect $script:Image *> $null
    if ($LASTEXITCODE -ne 0) { throw "The image $script:Image is missing: bring the test rig up (bash tests/rig/up.sh)." }

    $scratchHome = Join-Path $TestDrive 'home'
    $script:ScratchUser = @{
        HOME            = $scratchHome
        XDG_DATA_HOME   = Join-Path $scratchHome '.local/share'
        XDG_CONFIG_HOME = Join-Path $scratchHome '.config'
        XDG_CACHE_HOME  = Join-Path $scratchHome '.cache'
        # Else the child inherits this session's module path, the real user's folder in it.
        PSModulePath    = $null
        # The scratch user's own audit log, under its XDG_DATA_HOME.
        CONTAINERMCP_AUDIT_LOG = $null
    }
    # .NET ignores an XDG folder that does not exist, and PSResourceGet would then keep its repository list in the
    # current directory.
    foreach ($folder in 'XDG_DATA_HOME', 'XDG_CONFIG_HOME', 'XDG_CACHE_HOME') { $null = New-Item -ItemType Directory -Force $script:ScratchUser[$folder] }
}

Describe 'Installing from a gallery package' -Skip:$NoScratchUser {
    BeforeAll {
        $script:Repository = Join-Path $TestDrive 'repository'
        $script:RepositoriesBefore = @(Get-PSResourceRepository).Name

        # The Package task as a developer runs it: a build into a folder of its own, published into a file repository.
        $script:PackageOutput = Invoke-Pwsh -ArgumentList '-File', (Join-Path $script:Root 'build.ps1'), '-Task', 'Package',
            '-OutputPath', (Join-Path $TestDrive 'ContainerMcp'), '-RepositoryPath', $script:Repository
        $script:PackageExit = $LASTEXITCODE
    }

    It 'build.ps1 -Task Package publishes the ContainerMcp .nupkg and leaves the repository list as it was' {
        $script:PackageExit | Should -Be 0 -Because ($script:PackageOutput -join "`n")
        $version = (Import-PowerShellDataFile (Join-Path $script:Root 'ContainerMcp.psd1')).ModuleVersion
        Join-Path $script:Repository "ContainerMcp.$version.nupkg" | Should -Exist
        @(Get-PSResourceRepository).Name | Should -Be $script:RepositoriesBefore
    }

    It 'the package carries the licence, and the manifest what a gallery shows' {
        $package = Get-ChildItem $script:Repository -Filter 'ContainerMcp.*.nupkg' | Select-Object -First 1
        $zip = [IO.Compression.ZipFile]::OpenRead($package.FullName)
        try {
            $zip.Entries.FullName | Should -Contain 'LICENSE'
            $reader = [IO.StreamReader]::new($zip.GetEntry('ContainerMcp.nuspec').Open())
            try { $nuspec = [xml] $reader.ReadToEnd() } finally { $reader.Dispose() }
        }
        finally { $zip.Dispose() }
        $metadata = $nuspec.package.metadata
        $metadata.licenseUrl | Should -BeLike 'https://*'
        $metadata.projectUrl | Should -BeLike 'https://*'
        $metadata.releaseNotes | Should -Not -BeNullOrEmpty
        $metadata.tags -split ' ' | Should -Contain 'MCP'
    }

    It 'a user installs it with Install-PSResource, and a new PowerShell imports it by name and calls a tool' {
        $install = "`$ErrorActionPreference = 'Stop'; " +
            "Register-PSResourceRepository -Name ContainerMcpLocal -Uri '$script:Repository' -Trusted; " +
            "Install-PSResource ContainerMcp -Repository ContainerMcpLocal -Scope CurrentUser; " +
            "(Get-InstalledPSResource ContainerMcp).InstalledLocation"
        $installed = @(Invoke-Pwsh -ArgumentList '-Command', $install -Environment $script:ScratchUser)
        $LASTEXITCODE | Should -Be 0 -Because ($installed -join "`n")
        $installed[-1] | Should -BeLike "$($script:ScratchUser.XDG_DATA_HOME)*"
        Join-Path $script:ScratchUser.XDG_DATA_HOME 'PSResourceGet/PSResourceRepository.xml' | Should -FileContentMatch 'ContainerMcpLocal'

        $server = "installed-$PID"
        $use = "`$ErrorActionPreference = 'Stop'; Import-Module ContainerMcp; (Get-Module ContainerMcp).ModuleBase; " +
            "`$null = Start-McpServer $server -Image '$script:Image'; " +
            "try { (Invoke-McpTool -ServerName $server -Name echo -Arguments @{ message = 'installed' }).Text } " +
            "finally { Stop-McpServer $server -Confirm:`$false }"
        $output = @(Invoke-Pwsh -ArgumentList "-Command", $use -Environment $script:ScratchUser)

        $LASTEXITCODE | Should -Be 0 -Because ($output -join "`n")
        $output[0] | Should -BeLike "$($script:ScratchUser.XDG_DATA_HOME)*ContainerMcp*"
        $output[-1] | Should -Be 'Echo: installed'
        docker ps -aq --filter "label=io.containermcp.server=$server" | Should -BeNullOrEmpty
    }
}
