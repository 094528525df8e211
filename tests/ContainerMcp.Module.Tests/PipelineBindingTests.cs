using ContainerMcp.Module.Tests.Fixtures;

namespace ContainerMcp.Module.Tests;

/// <summary>
/// The parameters and pipeline binding the documented pipelines depend on, e.g.
/// <c>Get-McpServer pg | Get-McpTool</c> and <c>Get-McpTool -ServerName pg -Name query | Invoke-McpTool -Arguments @{…}</c>.
/// </summary>
[Collection(ModuleCollection.Name)]
public sealed class PipelineBindingTests(ModuleAssembly module)
{
    private const string McpServer = "ContainerMcp.McpServer";
    private const string McpTool = "ContainerMcp.McpTool";

    [Theory]
    [InlineData("Get-McpTool")]
    [InlineData("Invoke-McpTool")]
    public void Tool_name_never_binds_from_a_piped_objects_Name(string name)
    {
        // Get-McpServer pg | Get-McpTool must list pg's tools, not look for a tool named "pg".
        var binders = module.Cmdlet(name).Parameters
            .Where(p => p.PropertyNamesItBindsFrom.Contains("Name", StringComparer.OrdinalIgnoreCase))
            .Select(p => "-" + p.Name);
        Assert.True(!binders.Any(), $"{name}: {string.Join(", ", binders)} binds ValueFromPipelineByPropertyName from 'Name', so an McpServer's name would be taken as a tool name.");
    }

    [Theory]
    [InlineData("Get-McpPrompt")]
    [InlineData("Invoke-McpPrompt")]
    [InlineData("Get-McpResource")]
    [InlineData("Read-McpResource")]
    public void Prompt_and_resource_names_never_bind_from_a_piped_objects_Name(string name)
    {
        var binders = module.Cmdlet(name).Parameters
            .Where(p => p.PropertyNamesItBindsFrom.Contains("Name", StringComparer.OrdinalIgnoreCase))
            .Select(p => "-" + p.Name);
        Assert.True(!binders.Any(), $"{name}: {string.Join(", ", binders)} binds by property name from 'Name', so a piped McpServer's name would be taken for it.");
    }

    [Theory]
    [InlineData(McpServer)]
    [InlineData(McpTool)]
    public void Piped_objects_expose_ServerName(string typeName)
    {
        var type = module.PublicType(typeName);
        Assert.NotNull(type);
        Assert.Contains(type!.GetProperties(), p => p.Name == "ServerName" && p.PropertyType.FullName == "System.String");
    }

    [Theory]
    [InlineData("Get-McpTool")]
    [InlineData("Invoke-McpTool")]
    [InlineData("Get-McpServerHealth")]
    [InlineData("Get-McpServerLog")]
    [InlineData("Get-McpAuditLog")]
    [InlineData("Get-McpResource")]
    [InlineData("Get-McpPrompt")]
    [InlineData("Test-McpServerIsolation")]
    public void Cmdlet_takes_a_server_from_the_pipeline(string name)
    {
        // Either the McpServer itself by value, or its name by property (Name or ServerName on McpServer).
        var cmdlet = module.Cmdlet(name);
        var serverProperties = module.PublicType(McpServer)!.GetProperties().Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var byValue = cmdlet.ByValueParametersOf(McpServer).Any();
        var byName = cmdlet.Parameters.Any(p => p.TypeName is "System.String" or "System.String[]"
            && p.PropertyNamesItBindsFrom.Any(serverProperties.Contains)
            && (p.Name.Contains("Server", StringComparison.OrdinalIgnoreCase) || name.Contains("McpServer", StringComparison.Ordinal)));
        Assert.True(byValue || byName, $"{name} binds nothing from a piped McpServer: Get-McpServer | {name} would fail.");
    }

    [Fact]
    public void Register_McpResourceEvent_takes_a_piped_resource_by_its_ServerName_and_Uri()
    {
        // Get-McpResource -ServerName x | Register-McpResourceEvent -Action {…} watches each listed resource.
        var cmdlet = module.Cmdlet("Register-McpResourceEvent");
        var resource = module.PublicType("ContainerMcp.McpResource")!.GetProperties().Select(p => p.Name).ToList();
        Assert.Contains("ServerName", cmdlet.Parameter("ServerName").PropertyNamesItBindsFrom);
        Assert.Contains("Uri", cmdlet.Parameter("Uri").PropertyNamesItBindsFrom);
        Assert.Contains("ServerName", resource);
        Assert.Contains("Uri", resource);
    }

    [Fact]
    public void Get_McpServer_takes_names_with_wildcards_at_position_0()
    {
        var name = module.Cmdlet("Get-McpServer").Parameter("Name");
        Assert.Equal("System.String[]", name.TypeName);
        Assert.True(name.IsPositionalAt(0), "Get-McpServer pg needs -Name at position 0.");
        Assert.DoesNotContain(name.Bindings, b => b.Mandatory);
        Assert.True(name.SupportsWildcards, "Get-McpServer -Name must carry [SupportsWildcards] (Get-Help shows it).");
    }

    [Theory]
    [InlineData("Stop-McpServer")]
    [InlineData("Restart-McpServer")]
    public void Stop_and_Restart_take_servers_by_value_or_names_by_property(string name)
    {
        var cmdlet = module.Cmdlet(name);
        var names = cmdlet.Parameter("Name");
        Assert.Equal("System.String[]", names.TypeName);
        Assert.Contains(names.Bindings, b => b.ValueFromPipelineByPropertyName);

        var input = cmdlet.Parameter("InputObject");
        Assert.True(CmdletMetadata.TypeIs(input.Type, McpServer), $"{name} -InputObject is {input.Type}, not McpServer or McpServer[].");
        Assert.Contains(input.Bindings, b => b.ValueFromPipeline);

        Assert.Equal("System.Management.Automation.SwitchParameter", cmdlet.Parameter("PassThru").TypeName);
    }

    [Fact]
    public void Orphans_pipe_from_Get_McpServer_Orphaned_into_Remove_McpServer_by_value_only()
    {
        // Get-McpServer -Orphaned | Remove-McpServer; -Orphaned is a set of its own, so it takes no server names.
        var get = module.Cmdlet("Get-McpServer");
        var orphanedSet = Assert.Single(get.Parameter("Orphaned").Bindings).ParameterSet;
        Assert.DoesNotContain(get.Parameter("Name").Bindings, b => b.ParameterSet is "__AllParameterSets" || b.ParameterSet == orphanedSet);

        var remove = module.Cmdlet("Remove-McpServer");
        Assert.Single(remove.ByValueParametersOf("ContainerMcp.McpOrphanedContainer"));
        // Nothing binds by property name: a piped McpServer of this session (or its name) can never be taken for an orphan.
        var byName = remove.Parameters.Where(p => p.Bindings.Any(b => b.ValueFromPipelineByPropertyName)).Select(p => "-" + p.Name);
        Assert.True(!byName.Any(), $"Remove-McpServer: {string.Join(", ", byName)} binds by property name.");
    }

    [Theory]
    [InlineData("Stop-McpServer")]
    [InlineData("Restart-McpServer")]
    public void An_orphans_properties_never_bind_to_a_live_server_cmdlet(string name)
    {
        // Get-McpServer -Orphaned | Stop-McpServer must not stop a live server that shares the orphan's server name.
        var orphanProperties = module.PublicType("ContainerMcp.McpOrphanedContainer")!.GetProperties().Select(p => p.Name).ToHashSet();
        var binders = module.Cmdlet(name).Parameters.Where(p => p.PropertyNamesItBindsFrom.Any(orphanProperties.Contains)).Select(p => "-" + p.Name);
        Assert.True(!binders.Any(), $"{name}: {string.Join(", ", binders)} would bind from a piped McpOrphanedContainer.");
    }

    [Fact]
    public void Get_McpTool_takes_tool_names_by_position_and_servers_by_pipeline()
    {
        var cmdlet = module.Cmdlet("Get-McpTool");
        var name = cmdlet.Parameter("Name");
        Assert.Equal("System.String[]", name.TypeName);
        Assert.True(name.IsPositionalAt(0));
        Assert.DoesNotContain(name.Bindings, b => b.ValueFromPipelineByPropertyName || b.ValueFromPipeline);

        var serverName = cmdlet.Parameter("ServerName");
        Assert.Equal("System.String[]", serverName.TypeName);
        Assert.Contains(serverName.Bindings, b => b.ValueFromPipelineByPropertyName);

        Assert.True(cmdlet.ByValueParametersOf(McpServer).Any(), "Get-McpTool needs an McpServer parameter (-Server/-InputObject) bound ValueFromPipeline.");
    }

    [Fact]
    public void Invoke_McpTool_takes_a_tool_name_and_arguments_by_position_and_a_piped_tool_by_value()
    {
        var cmdlet = module.Cmdlet("Invoke-McpTool");
        var name = cmdlet.Parameter("Name");
        Assert.Equal("System.String", name.TypeName);
        Assert.True(name.IsPositionalAt(0));
        Assert.DoesNotContain(name.Bindings, b => b.ValueFromPipeline);

        var arguments = cmdlet.Parameter("Arguments");
        Assert.Equal("System.Collections.Hashtable", arguments.TypeName);
        Assert.True(arguments.IsPositionalAt(1));

        Assert.Equal("System.String", cmdlet.Parameter("ServerName").TypeName);
        Assert.Equal("System.Int32", cmdlet.Parameter("TimeoutSeconds").TypeName);

        var tool = Assert.Single(cmdlet.ByValueParametersOf(McpTool));
        Assert.True(tool.Name is "Tool" or "InputObject" || tool.Aliases.Contains("Tool") || tool.Aliases.Contains("InputObject"),
            $"Invoke-McpTool's McpTool parameter is -{tool.Name}; the contract names it -Tool or -InputObject.");
        // Get-McpTool … | Invoke-McpTool -Arguments @{…}: -Arguments must be usable in the piped-tool set.
        var toolSets = tool.Bindings.Select(b => b.ParameterSet).ToHashSet();
        Assert.Contains(arguments.Bindings, b => b.ParameterSet == "__AllParameterSets" || toolSets.Contains(b.ParameterSet) || toolSets.Contains("__AllParameterSets"));
    }

    [Fact]
    public void Start_McpServer_parameters_have_the_documented_types()
    {
        var cmdlet = module.Cmdlet("Start-McpServer");
        var expected = new Dictionary<string, string>
        {
            // -Name is one server with -Image and a filter (wildcards) with -ConfigPath, hence an array.
            ["Name"] = "System.String[]", ["Image"] = "System.String", ["Command"] = "System.String[]",
            ["Entrypoint"] = "System.String[]", ["Environment"] = "System.Collections.Hashtable", ["Volume"] = "System.String[]",
            ["Network"] = "System.String", ["MemoryMB"] = "System.Int32", ["Cpus"] = "System.Double", ["User"] = "System.String",
            ["IncludeTool"] = "System.String[]", ["ExcludeTool"] = "System.String[]", ["InitializeTimeoutSeconds"] = "System.Int32",
        };
        Assert.All(expected, e => Assert.Equal(e.Value, cmdlet.Parameter(e.Key).TypeName));
        Assert.True(cmdlet.Parameter("Name").IsPositionalAt(0));
        Assert.Contains(cmdlet.Parameter("Name").Bindings, b => b.Mandatory);
        Assert.Contains(cmdlet.Parameter("Image").Bindings, b => b.Mandatory);
    }

    [Fact]
    public void Start_McpServer_reads_a_configuration_file_with_an_optional_name_filter()
    {
        var cmdlet = module.Cmdlet("Start-McpServer");
        var path = cmdlet.Parameter("ConfigPath");
        Assert.Equal("System.String", path.TypeName);
        Assert.Contains("Config", path.Aliases); // Start-McpServer -Config ./examples/postgres.yaml
        var set = Assert.Single(path.Bindings).ParameterSet;
        Assert.Contains(cmdlet.Parameter("Name").Bindings, b => b.ParameterSet == set && !b.Mandatory);
        Assert.DoesNotContain(cmdlet.Parameter("Image").Bindings, b => b.ParameterSet == set);
    }

    [Theory]
    [InlineData("Start-McpServer")]
    [InlineData("Export-McpServerConfig")]
    [InlineData("Build-McpServerImage")]
    public void Imported_configurations_pipe_in_by_value(string name)
    {
        // Import-McpServerConfig ./servers.yaml | Start-McpServer
        var cmdlet = module.Cmdlet(name);
        Assert.Single(cmdlet.ByValueParametersOf("ContainerMcp.McpServerConfiguration"));
        // PowerShell tries the default set first: were -Name/-Image bound by property name there, a piped
        // configuration would start as a bare image, without its arguments or environment.
        var byName = cmdlet.Parameters.Where(p => p.PropertyNamesItBindsFrom.Any(n => n is "Name" or "Image")).Select(p => "-" + p.Name);
        Assert.True(!byName.Any(), $"{name}: {string.Join(", ", byName)} binds by property name and would take a piped configuration apart.");
    }

    [Fact]
    public void Built_images_pipe_into_Start_McpServer_by_value_in_a_set_of_their_own()
    {
        // Build-McpServerImage … | Start-McpServer -Name x. By value only: binding -Image from an McpServerImage's
        // Name by property name would also take a piped configuration's Name (see Imported_configurations_pipe_in_by_value).
        var cmdlet = module.Cmdlet("Start-McpServer");
        var image = Assert.Single(cmdlet.ByValueParametersOf("ContainerMcp.McpServerImage"));
        var set = Assert.Single(image.Bindings).ParameterSet;
        Assert.True(Assert.Single(image.Bindings).Mandatory);
        Assert.Contains(cmdlet.Parameter("Name").Bindings, b => b.ParameterSet == set && !b.Mandatory);
        Assert.DoesNotContain(cmdlet.Parameter("Image").Bindings, b => b.ParameterSet == set);
        Assert.Contains(module.PublicType("ContainerMcp.McpServerImage")!.GetProperties(), p => p.Name == "Packages");
    }

    [Fact]
    public void Start_McpServer_Package_is_a_set_of_its_own_that_takes_the_server_options()
    {
        var cmdlet = module.Cmdlet("Start-McpServer");
        var package = cmdlet.Parameter("Package");
        Assert.Equal("System.String", package.TypeName);
        var set = Assert.Single(package.Bindings).ParameterSet;
        Assert.DoesNotContain(package.Bindings, b => b.ValueFromPipeline || b.ValueFromPipelineByPropertyName);
        Assert.DoesNotContain(cmdlet.Parameter("Image").Bindings, b => b.ParameterSet == set);
        foreach (var option in new[] { "Command", "Environment", "Volume", "Network", "MemoryMB", "Strategy", "IncludeTool" })
            Assert.Contains(cmdlet.Parameter(option).Bindings, b => b.ParameterSet == set);
    }

    [Fact]
    public void Import_McpServerConfig_takes_paths_by_position_and_from_Get_ChildItem()
    {
        var path = module.Cmdlet("Import-McpServerConfig").Parameter("Path");
        Assert.Equal("System.String[]", path.TypeName);
        Assert.True(path.IsPositionalAt(0));
        Assert.Contains("FullName", path.Aliases);
        Assert.Contains(path.Bindings, b => b.ValueFromPipelineByPropertyName);
    }

    [Fact]
    public void Images_from_Get_McpServerImage_pipe_into_Remove_McpServerImage_by_name()
    {
        // Get-McpServerImage -Unused | Remove-McpServerImage
        var name = module.Cmdlet("Remove-McpServerImage").Parameter("Name");
        Assert.Contains(name.Bindings, b => b.ValueFromPipelineByPropertyName);
        Assert.Contains(module.PublicType("ContainerMcp.McpServerImage")!.GetProperties(), p => p.Name == "Name");
    }

    [Fact]
    public void Request_McpServerImage_takes_a_configuration_s_image_by_property_name()
    {
        // Import-McpServerConfig ./servers.yaml | Where-Object Image | Request-McpServerImage
        var name = module.Cmdlet("Request-McpServerImage").Parameter("Name");
        Assert.Contains("Image", name.Aliases);
        Assert.Contains(name.Bindings, b => b.ValueFromPipelineByPropertyName);
    }

    [Fact]
    public void State_volumes_pipe_into_Remove_McpStateVolume_and_only_a_server_name_binds_by_property_name()
    {
        // Get-McpStateVolume memory | Remove-McpStateVolume; Remove-McpStateVolume memory
        var remove = module.Cmdlet("Remove-McpStateVolume");
        Assert.Single(remove.ByValueParametersOf("ContainerMcp.McpStateVolume"));
        Assert.True(remove.Parameter("ServerName").IsPositionalAt(0));
        // It deletes data: a piped object's Name (an image's, a configuration's) must not pass for a server name.
        var byName = remove.Parameters.SelectMany(p => p.PropertyNamesItBindsFrom).ToList();
        Assert.Equal(["ServerName"], byName);
        var cmdlet = CmdletMetadata.Attribute(remove.Class, "System.Management.Automation.CmdletAttribute")!;
        Assert.True(CmdletMetadata.Named(cmdlet, "ConfirmImpact") is 3, "Removing a server's state asks first (ConfirmImpact High).");
    }
}
