#Requires -Version 7.4
#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.5' }
<#
    Help that cannot drift: the MAML help (en-US/ContainerMcp.dll-Help.xml) is held to each cmdlet's real
    metadata, every example is parsed and statically bound, and the about_ContainerMcp topic is held to the
    configuration keys and environment variables the code reads.

    Needs only the built module (pwsh ./build.ps1): no Docker, no rig. Run with
        pwsh ./build.ps1 -Task Test
    or  pwsh -NoProfile -c 'Invoke-Pester ./tests/Help.Tests.ps1 -Output Detailed'

    Each test gathers every mismatch it finds and fails once with the whole list, so one run shows all the drift.

    Conventions held here:
    - The common parameters (-Verbose, -ErrorAction, ...) are not documented one by one; Get-Help adds
      <CommonParameters>. -WhatIf and -Confirm are parameters of their own and are documented where they exist.
    - One syntax block per parameter set; in it, required, position and pipeline input are the set's own.
    - In the parameters section a parameter is required when every set it is in requires it; its position is the
      one it has wherever it is positional; its pipeline input is every way it binds from the pipeline in any set.
    - Examples use whole parameter names (a unique prefix is legal PowerShell, but not what we show) and commands
      by their full names (no aliases), only our cmdlets and commands that ship with PowerShell 7.6. Pester's
      commands (Should, Describe, It, ...) are allowed in an example whose remarks say it needs Pester; they are
      checked against the Pester that runs this file.
    - An example names no image of the test rig (containermcp/*:local): examples run against what the quick start
      builds, or their remarks say what else they need.
#>

BeforeDiscovery {
    $manifest = $env:CONTAINERMCP_MODULE_PATH
    if (-not $manifest) { $manifest = Join-Path $PSScriptRoot '../out/ContainerMcp/ContainerMcp.psd1' }
    $script:Exported = @((Import-PowerShellDataFile $manifest).CmdletsToExport | ForEach-Object { @{ Name = $_ } })
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestRig.ps1')   # Get-ModuleManifest, Get-RigValues
    $script:Manifest = Get-ModuleManifest
    $script:Module = Import-Module $script:Manifest -Force -PassThru -ErrorAction Stop

    $helpFile = Join-Path $script:Module.ModuleBase 'en-US/ContainerMcp.dll-Help.xml'
    if (-not (Test-Path $helpFile)) { throw "The module has no MAML help: $helpFile is missing." }
    $script:Maml = [xml](Get-Content -Raw $helpFile)
    $script:Ns = [System.Xml.XmlNamespaceManager]::new($script:Maml.NameTable)
    $script:Ns.AddNamespace('command', 'http://schemas.microsoft.com/maml/dev/command/2004/10')
    $script:Ns.AddNamespace('maml', 'http://schemas.microsoft.com/maml/2004/10')
    $script:Ns.AddNamespace('dev', 'http://schemas.microsoft.com/maml/dev/2004/10')
    $script:Common = [System.Management.Automation.Cmdlet]::CommonParameters
    $script:OurCmdlets = @($script:Module.ExportedCmdlets.Keys)

    function script:Select-Maml([System.Xml.XmlNode] $Node, [string] $XPath) { @($Node.SelectNodes($XPath, $script:Ns)) }
    function script:Get-MamlText([System.Xml.XmlNode] $Node, [string] $XPath) {
        (@($Node.SelectNodes($XPath, $script:Ns)) | ForEach-Object InnerText) -join "`n"
    }

    function script:Get-MamlCommand([string] $Name) {
        Select-Maml $script:Maml "/*/command:command[command:details/command:name='$Name']"
    }

    # "True (ByValue, ByPropertyName)", "True (ByPropertyName)", "False" -> a sorted list of the ways.
    function script:ConvertFrom-PipelineInput([string] $Text) {
        if ($Text -match '^\s*true\s*\((?<ways>[^)]*)\)\s*$') {
            return @($Matches.ways -split '\s*,\s*' | Where-Object { $_ } | Sort-Object -Unique)
        }
        if ($Text -match '^\s*false\s*$') { return @() }
        @("unreadable '$Text'")
    }

    function script:Get-PipelineWays($Parameters) {
        @(@(
            if ($Parameters | Where-Object ValueFromPipeline) { 'ByValue' }
            if ($Parameters | Where-Object ValueFromPipelineByPropertyName) { 'ByPropertyName' }
        ) | Sort-Object)
    }

    function script:Get-PositionText([int] $Position) { if ($Position -lt 0) { 'named' } else { "$Position" } }

    # The type name MAML shows: Int32 for int?, String[] for string[].
    function script:Get-TypeText([type] $Type) {
        if ($Type.IsGenericType -and $Type.GetGenericTypeDefinition() -eq [Nullable`1]) { $Type = $Type.GetGenericArguments()[0] }
        $Type.Name
    }

    function script:Get-AliasText($Aliases) { if ($Aliases.Count) { ($Aliases | Sort-Object) -join ', ' } else { 'none' } }

    function script:Get-MamlAliasText([string] $Text) {
        if (-not $Text -or $Text -eq 'none') { return 'none' }
        ($Text -split '\s*,\s*' | Sort-Object) -join ', '
    }

    # What one documented parameter says against what the binding says; each difference is one line.
    function script:Compare-ParameterDoc([string] $Where, [System.Xml.XmlElement] $Doc, [hashtable] $Expected) {
        $name = Get-MamlText $Doc 'maml:name'
        $said = @{
            required      = "$($Doc.required)".ToLowerInvariant()
            position      = "$($Doc.position)".ToLowerInvariant()
            pipelineInput = (ConvertFrom-PipelineInput $Doc.pipelineInput) -join ', '
            aliases       = Get-MamlAliasText $Doc.aliases
            globbing      = "$($Doc.globbing)".ToLowerInvariant()
            type          = Get-MamlText $Doc 'dev:type/maml:name'
        }
        foreach ($key in 'required', 'position', 'pipelineInput', 'aliases', 'globbing', 'type') {
            if ($said[$key] -ne $Expected[$key]) {
                "$Where -${name}: $key is '$($said[$key])' in the help, '$($Expected[$key])' in the cmdlet"
            }
        }
        if (-not (Get-MamlText $Doc 'maml:description').Trim()) { "$Where -${name}: no description" }
    }

    # Where a PowerShell command comes from: ours, PowerShell 7.6's own, Pester's, or somewhere else.
    function script:Get-CommandOrigin([System.Management.Automation.CommandInfo] $Command) {
        if ($Command.ModuleName -eq 'ContainerMcp') { return 'ours' }
        if ($Command.ModuleName -eq 'Pester') { return 'pester' }
        $base = $Command.Module.ModuleBase
        if ($Command.ModuleName -eq 'Microsoft.PowerShell.Core' -or ($base -and $base.StartsWith($PSHOME))) { return 'powershell' }
        'other'
    }

    # Every problem of one example: parse errors, commands that do not exist, parameters that are not whole
    # names of the command, and what PowerShell's static binder refuses (unknown parameters, no parameter set).
    function script:Test-Example([string] $Where, [string] $Code, [string] $Remarks) {
        $tokens = $errors = $null
        $ast = [System.Management.Automation.Language.Parser]::ParseInput($Code, [ref] $tokens, [ref] $errors)
        foreach ($e in $errors) { "${Where}: does not parse: $($e.Message) at '$($e.Extent.Text)'" }
        if ($errors) { return }
        if ($Code -match 'containermcp/[\w.-]+:local') {
            "${Where}: uses the test rig's image '$($Matches[0])': build one as the quick start does (Build-McpServerImage)"
        }
        foreach ($commandAst in $ast.FindAll({ $args[0] -is [System.Management.Automation.Language.CommandAst] }, $true)) {
            $name = $commandAst.GetCommandName()
            if (-not $name) { "${Where}: '$($commandAst.Extent.Text)' calls a command whose name is not written out"; continue }
            $command = Get-Command -Name $name -ErrorAction Ignore | Select-Object -First 1
            if (-not $command) { "${Where}: no command '$name'"; continue }
            if ($command.CommandType -eq 'Alias') { "${Where}: '$name' is an alias: write $($command.ResolvedCommandName)"; continue }
            $origin = Get-CommandOrigin $command
            if ($origin -eq 'other') { "${Where}: '$name' ($($command.CommandType) $($command.Source)) is neither ours nor part of PowerShell 7.6"; continue }
            if ($origin -eq 'pester' -and $Remarks -notmatch 'Pester') { "${Where}: uses Pester's $name, but its remarks do not say it needs Pester" }
            $names = @{}
            foreach ($p in $command.Parameters.Values) { $names[$p.Name] = $p.Name; foreach ($a in $p.Aliases) { $names[$a] = $p.Name } }
            foreach ($parameter in $commandAst.CommandElements | Where-Object { $_ -is [System.Management.Automation.Language.CommandParameterAst] }) {
                if (-not $names.ContainsKey($parameter.ParameterName)) {
                    $prefixOf = @($names.Keys | Where-Object { $_ -like "$($parameter.ParameterName)*" })
                    if ($prefixOf) { "${Where}: $name -$($parameter.ParameterName) is a prefix: write the whole name (-$($prefixOf -join ' or -'))" }
                    else { "${Where}: $name has no parameter -$($parameter.ParameterName)" }
                }
            }
            # Piped input can choose a parameter set the binder cannot see, so only a pipeline's first command is bound.
            $pipeline = $commandAst.Parent
            if ($pipeline -is [System.Management.Automation.Language.PipelineAst] -and $pipeline.PipelineElements[0] -ne $commandAst) { continue }
            $binding = [System.Management.Automation.Language.StaticParameterBinder]::BindCommand($commandAst, $true)
            foreach ($failure in $binding.BindingExceptions.GetEnumerator()) {
                "${Where}: '$($commandAst.Extent.Text)' does not bind: $($failure.Value.BindingException.Message)"
            }
        }
    }
}

Describe 'MAML help' {
    It 'describes exactly the exported cmdlets, once each' {
        $documented = @((Select-Maml $script:Maml '/*/command:command/command:details/command:name').InnerText)

        (($documented | Group-Object | Where-Object Count -gt 1).Name -join ', ') | Should -BeNullOrEmpty -Because 'a cmdlet is documented once'
        (($documented | Where-Object { $_ -notin $script:OurCmdlets }) -join ', ') | Should -BeNullOrEmpty -Because 'the help documents only cmdlets the module exports'
        (($script:OurCmdlets | Where-Object { $_ -notin $documented }) -join ', ') | Should -BeNullOrEmpty -Because 'every exported cmdlet has help'
    }
}

Describe 'Help of <Name>' -ForEach $script:Exported {
    BeforeAll {
        $script:Cmdlet = Get-Command -Name $Name -Module ContainerMcp -ErrorAction Stop
        $script:Doc = Get-MamlCommand $Name | Select-Object -First 1
        if (-not $script:Doc) { throw "$Name has no entry in the MAML help." }
        # The cmdlet's own parameters, as Get-Help should show them: no common parameters.
        $script:Own = @($script:Cmdlet.Parameters.Values | Where-Object Name -notin $script:Common)
    }

    It 'has a synopsis, a description and at least one example with remarks' {
        $problems = @(
            if (-not (Get-MamlText $script:Doc 'command:details/maml:description').Trim()) { 'no synopsis' }
            if (-not (Get-MamlText $script:Doc 'maml:description').Trim()) { 'no description' }
            $examples = Select-Maml $script:Doc 'command:examples/command:example'
            if (-not $examples) { 'no example' }
            foreach ($example in $examples) {
                if (-not (Get-MamlText $example 'dev:code').Trim()) { "$($example.title.Trim(' -')): no code" }
                if (-not (Get-MamlText $example 'dev:remarks').Trim()) { "$($example.title.Trim(' -')): no remarks" }
            }
        )
        $help = Get-Help $Name
        $problems += @(if ($help.Synopsis.Trim() -eq $Name -or $help.Synopsis -match '^\s*\r?\n') { "Get-Help does not find the help (synopsis '$($help.Synopsis)')" })

        ($problems -join "`n") | Should -BeNullOrEmpty
    }

    It 'documents every parameter once, and no parameter the cmdlet lacks' {
        $documented = @((Select-Maml $script:Doc 'command:parameters/command:parameter/maml:name').InnerText)
        $problems = @(
            $documented | Group-Object | Where-Object Count -gt 1 | ForEach-Object { "-$($_.Name) is documented $($_.Count) times" }
            $script:Own | Where-Object Name -notin $documented | ForEach-Object { "-$($_.Name) is not documented" }
            $documented | Where-Object { $_ -notin $script:Own.Name -and $_ -notin $script:Common } | ForEach-Object { "-$_ is documented but the cmdlet has no such parameter" }
            $documented | Where-Object { $_ -in $script:Common } | ForEach-Object { "-$_ is a common parameter: Get-Help shows <CommonParameters>, do not document it" }
        )

        ($problems -join "`n") | Should -BeNullOrEmpty
    }

    It 'says in the parameters section what the binding attributes say' {
        $problems = foreach ($doc in Select-Maml $script:Doc 'command:parameters/command:parameter') {
            $parameter = $script:Cmdlet.Parameters[(Get-MamlText $doc 'maml:name')]
            if (-not $parameter -or $parameter.Name -in $script:Common) { continue }   # reported by the test above
            $inSets = @($script:Cmdlet.ParameterSets | ForEach-Object { $_.Parameters | Where-Object Name -eq $parameter.Name })
            $positions = @($inSets.Position | Where-Object { $_ -ge 0 } | Sort-Object -Unique)
            if ($positions.Count -gt 1) { "-$($parameter.Name): positions $($positions -join ', ') in different sets; the help can show only one" }
            Compare-ParameterDoc 'parameters' $doc @{
                required      = "$(@($inSets | Where-Object { -not $_.IsMandatory }).Count -eq 0)".ToLowerInvariant()
                position      = if ($positions.Count) { "$($positions[0])" } else { 'named' }
                pipelineInput = (Get-PipelineWays $inSets) -join ', '
                aliases       = Get-AliasText $parameter.Aliases
                globbing      = "$([bool]($parameter.Attributes | Where-Object { $_ -is [System.Management.Automation.SupportsWildcardsAttribute] }))".ToLowerInvariant()
                type          = Get-TypeText $parameter.ParameterType
            }
        }

        ($problems -join "`n") | Should -BeNullOrEmpty
    }

    It 'has one syntax per parameter set, each as the set binds' {
        $syntaxes = @(Select-Maml $script:Doc 'command:syntax/command:syntaxItem')
        $unmatched = [System.Collections.Generic.List[object]] $syntaxes
        $problems = @(
            foreach ($set in $script:Cmdlet.ParameterSets) {
                $parameters = @($set.Parameters | Where-Object Name -notin $script:Common)
                $names = ($parameters.Name | Sort-Object) -join ','
                $syntax = $unmatched | Where-Object { ((Select-Maml $_ 'command:parameter/maml:name').InnerText | Sort-Object) -join ',' -eq $names } | Select-Object -First 1
                if (-not $syntax) { "set '$($set.Name)' ($($names -replace ',', ', ')) has no syntax block with exactly these parameters"; continue }
                $null = $unmatched.Remove($syntax)
                foreach ($doc in Select-Maml $syntax 'command:parameter') {
                    $parameter = $parameters | Where-Object Name -eq (Get-MamlText $doc 'maml:name')
                    Compare-ParameterDoc "syntax of set '$($set.Name)'" $doc @{
                        required      = "$($parameter.IsMandatory)".ToLowerInvariant()
                        position      = Get-PositionText $parameter.Position
                        pipelineInput = (Get-PipelineWays @($parameter)) -join ', '
                        aliases       = Get-AliasText $parameter.Aliases
                        globbing      = "$([bool]($parameter.Attributes | Where-Object { $_ -is [System.Management.Automation.SupportsWildcardsAttribute] }))".ToLowerInvariant()
                        type          = Get-TypeText $parameter.ParameterType
                    }
                }
            }
            foreach ($syntax in $unmatched) {
                "a syntax block ($(((Select-Maml $syntax 'command:parameter/maml:name').InnerText) -join ', ')) matches no parameter set"
            }
        )

        ($problems -join "`n") | Should -BeNullOrEmpty
    }

    It 'has examples that parse and name only commands and parameters that exist' {
        $problems = foreach ($example in Select-Maml $script:Doc 'command:examples/command:example') {
            Test-Example "$Name $($example.title.Trim(' -'))" (Get-MamlText $example 'dev:code') (Get-MamlText $example 'dev:remarks')
        }

        ($problems -join "`n") | Should -BeNullOrEmpty
    }
}

Describe 'about_ContainerMcp' {
    BeforeAll {
        $script:About = (Get-Help about_ContainerMcp -ErrorAction SilentlyContinue | Out-String)
        $engine = [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq 'ContainerMcp.Engine' } | Select-Object -First 1
        if (-not $engine) { $null = Get-McpServer; $engine = [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq 'ContainerMcp.Engine' } | Select-Object -First 1 }
        $script:Engine = $engine
    }

    It 'is found by Get-Help after Import-Module' {
        $topic = Get-Help about_ContainerMcp

        $topic | Should -Not -BeNullOrEmpty
        $script:About | Should -Match 'about_ContainerMcp'
        $script:About | Should -Match 'SHORT DESCRIPTION'
    }

    It 'names every key the YAML reader accepts' {
        # The reader refuses any key not in one of its *Keys lists, so those lists are every key there is.
        $reader = $script:Engine.GetType('ContainerMcp.Engine.Config.McpConfigYamlReader', $true)
        $keys = @($reader.GetFields([System.Reflection.BindingFlags] 'NonPublic, Public, Static') |
            Where-Object { $_.Name -like '*Keys' -and $_.FieldType -eq [string[]] } |
            ForEach-Object { $_.GetValue($null) } | Sort-Object -Unique)

        $keys.Count | Should -BeGreaterThan 20 -Because 'the reader was found and its key lists read'
        # Written as in a file, "key:", so a word of the prose (all, name, image) does not pass for the key.
        (($keys | Where-Object { $script:About -notmatch "(?<![\w])$([regex]::Escape($_)):" }) -join ", ") | Should -BeNullOrEmpty
    }

    It 'names every environment variable the module reads' {
        # Every string literal of the module's own assemblies that looks like one of our variable names.
        $variables = foreach ($file in (Join-Path $script:Module.ModuleBase 'ContainerMcp.dll'), $script:Engine.Location) {
            $stream = [IO.File]::OpenRead($file)
            try {
                $pe = [System.Reflection.PortableExecutable.PEReader]::new($stream)
                $metadata = [System.Reflection.Metadata.PEReaderExtensions]::GetMetadataReader($pe)
                $handle = [System.Reflection.Metadata.Ecma335.MetadataTokens]::UserStringHandle(1)
                while (-not $handle.IsNil) {
                    $text = $metadata.GetUserString($handle)
                    if ($text -cmatch '^(CONTAINERMCP|DOCKER|OTEL)_[A-Z0-9_]+$') { $text }
                    $handle = [System.Reflection.Metadata.Ecma335.MetadataReaderExtensions]::GetNextHandle($metadata, $handle)
                }
            }
            finally { $stream.Dispose() }
        }
        $variables = @($variables | Sort-Object -Unique)

        $variables | Should -Contain 'CONTAINERMCP_AUDIT_LOG' -Because 'the module''s strings were read'
        (($variables | Where-Object { $script:About -notmatch "(?<![\w])$_(?![\w])" }) -join ", ") | Should -BeNullOrEmpty
    }
}
