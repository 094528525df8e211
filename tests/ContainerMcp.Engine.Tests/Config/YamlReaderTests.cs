using ContainerMcp.Engine.Config;

namespace ContainerMcp.Engine.Tests.Config;

public sealed class YamlReaderTests
{
    private const string File = "servers.yaml";

    /// <summary>Every key the format knows, two servers; the writer tests round-trip it too.</summary>
    internal const string FullExample = """
        servers:
          - name: pg
            image: containermcp/postgres:local
            mcp_server:
              transport: stdio
              command: node
              args: [/app/index.js, "postgresql://reader@127.0.0.1:5432/app"]
              env: { PGPASSWORD: "${env:PG_PASSWORD}", PGPORT: 5432, VERBOSE: yes }
              timeout_seconds: 30
              tools: { include: [query, "list_*"], exclude: [drop*] }
            resource_limits: { cpu_cores: 1.5, memory_mb: 256, pids: 128, execution_timeout_seconds: 30, max_message_mb: 32 }
            lifecycle: { strategy: pre_warmed, rotation_interval_hours: 24, max_executions: 1000, health_check_interval_seconds: 30, idle_timeout_seconds: 300 }
            volumes: ["/data:/data:ro"]
            network: host
            user: "10001:10001"
            read_only: true
            allow_plaintext_secrets: true
          - name: memory
            runtime: { type: node, version: "20", preinstall_packages: ["@modelcontextprotocol/server-memory"] }
            state: { path: /data }
            mcp_server:
              command: npx
              args: ["@modelcontextprotocol/server-memory"]
        """;

    [Fact]
    public void Full_example_reads_every_member_as_written()
    {
        var servers = McpConfigYamlReader.Read(FullExample, File);

        Assert.Equal(2, servers.Count);
        var pg = servers[0];
        Assert.Equal("pg", pg.Name);
        Assert.Equal("containermcp/postgres:local", pg.Image);
        Assert.Null(pg.Runtime);
        Assert.Equal("stdio", pg.McpServer.Transport);
        Assert.Equal("node", pg.McpServer.Command);
        Assert.Equal(["/app/index.js", "postgresql://reader@127.0.0.1:5432/app"], pg.McpServer.Args);
        Assert.Equal(new Dictionary<string, string> { ["PGPASSWORD"] = "${env:PG_PASSWORD}", ["PGPORT"] = "5432", ["VERBOSE"] = "yes" }, pg.McpServer.Env);
        Assert.Equal(30, pg.McpServer.TimeoutSeconds);
        Assert.Equal(["query", "list_*"], pg.McpServer.Tools.Include);
        Assert.Equal(["drop*"], pg.McpServer.Tools.Exclude);
        Assert.Equal(new ResourceLimitsConfig { CpuCores = 1.5, MemoryMB = 256, Pids = 128, ExecutionTimeoutSeconds = 30, MaxMessageMB = 32 }, pg.ResourceLimits);
        Assert.Equal(new LifecycleConfig
        {
            Strategy = LifecycleStrategy.PreWarmed,
            RotationIntervalHours = 24,
            MaxExecutions = 1000,
            HealthCheckIntervalSeconds = 30,
            IdleTimeoutSeconds = 300,
        }, pg.Lifecycle);
        Assert.Equal(["/data:/data:ro"], pg.Volumes);
        Assert.Equal("host", pg.Network);
        Assert.Equal("10001:10001", pg.User);
        Assert.True(pg.ReadOnly);
        Assert.True(pg.AllowPlaintextSecrets);
        Assert.Equal(new ConfigSource(File, 2), pg.Source);

        var memory = servers[1];
        Assert.Null(memory.Image);
        Assert.Equal(RuntimeKind.Node, memory.Runtime!.Kind);
        Assert.Equal("20", memory.Runtime.Version);
        Assert.Equal(["@modelcontextprotocol/server-memory"], memory.Runtime.PreinstallPackages);
        Assert.Null(memory.Runtime.Dockerfile);
        Assert.Equal(new ConfigSource(File, 18), memory.Source);
    }

    [Fact]
    public void Unset_members_keep_the_model_defaults()
    {
        var server = Assert.Single(McpConfigYamlReader.Read("servers:\n  - name: a\n    image: alpine\n    network:\n", File));

        Assert.Null(server.Network);
        Assert.Null(server.User);
        Assert.Null(server.ReadOnly);
        Assert.False(server.AllowPlaintextSecrets);
        Assert.Empty(server.Volumes);
        Assert.Equal("stdio", server.McpServer.Transport);
        Assert.Null(server.McpServer.Command);
        Assert.Empty(server.McpServer.Args);
        Assert.Empty(server.McpServer.Env);
        Assert.Null(server.McpServer.TimeoutSeconds);
        Assert.True(server.McpServer.Tools.IsAll);
        Assert.Equal(new ResourceLimitsConfig(), server.ResourceLimits);
        Assert.Equal(new LifecycleConfig(), server.Lifecycle);
    }

    [Fact]
    public void Engine_names_the_engine_the_server_runs_on_and_is_written_back()
    {
        var server = Assert.Single(McpConfigYamlReader.Read("name: a\nimage: b\nengine: build-box\n", File));
        var unset = Assert.Single(McpConfigYamlReader.Read("name: a\nimage: b\n", File));

        Assert.Equal("build-box", server.Engine);
        Assert.Null(unset.Engine);
        Assert.Contains("engine: build-box", McpConfigYamlWriter.Write([server]));
        Assert.Equal("build-box", new ContainerMcp.Engine.Servers.McpServerConfigResolver().Resolve(server).Engine);
    }

    [Fact]
    public void Network_given_as_a_name_is_not_internal()
    {
        var server = Assert.Single(McpConfigYamlReader.Read("name: a\nimage: b\nnetwork: pgnet\n", File));

        Assert.Equal("pgnet", server.Network);
        Assert.False(server.InternalNetwork);
    }

    [Theory]
    [InlineData("network: { name: pgnet, internal: true }", true)]
    [InlineData("network:\n  name: pgnet\n  internal: false", false)]
    [InlineData("network: { name: pgnet }", false)]
    public void Network_given_as_a_mapping_names_it_and_says_whether_it_is_internal(string written, bool expectInternal)
    {
        var server = Assert.Single(McpConfigYamlReader.Read($"name: a\nimage: b\n{written}\n", File));

        Assert.Equal("pgnet", server.Network);
        Assert.Equal(expectInternal, server.InternalNetwork);
    }

    [Theory]
    [InlineData("network: { internal: true }", "network.name", "is missing")]
    [InlineData("network: { name: pgnet, internal: maybe }", "network.internal", "true or false")]
    [InlineData("network: { name: pgnet, isolated: true }", "network.isolated", "isolated")]
    [InlineData("network: { name: host, internal: true }", "network.name", "cannot be internal")]
    [InlineData("network: [pgnet]", "network", "text")]
    public void Bad_network_mapping_is_an_error_naming_the_key(string written, string key, string says)
    {
        var error = ReadFails($"name: a\nimage: b\n{written}\n", line: 3, key: key);

        Assert.Contains(says, error.Message);
    }

    [Theory]
    [InlineData("image: '@modelcontextprotocol/server-memory'", "image", "run it with package: '@modelcontextprotocol/server-memory' instead of image:")]
    [InlineData("image: Team/Server:1", "image", "must be lowercase")]
    [InlineData("runtime: { type: node, base_image: 'node:-20' }", "runtime.base_image", "the tag '-20'")]
    public void An_image_that_is_no_valid_reference_is_an_error_naming_the_key(string written, string key, string says)
    {
        var error = ReadFails($"name: a\n{written}\n", line: 2, key: key);

        Assert.Contains("is not a valid image reference", error.Message);
        Assert.Contains(says, error.Message);
    }

    [Fact]
    public void State_names_where_the_server_s_volume_is_mounted()
    {
        var servers = McpConfigYamlReader.Read(FullExample, File);

        Assert.Null(servers[0].State);
        Assert.Equal("/data", servers[1].State?.Path);
    }

    [Theory]
    [InlineData("state: /data", "state", "state: { path: /data }")]
    [InlineData("state: { }", "state.path", "is missing")]
    [InlineData("state: { path: data }", "state.path", "absolute")]
    [InlineData("state: { path: /tmp/x }", "state.path", "/tmp")]
    [InlineData("state: { path: /data, size: 1g }", "state.size", "size")]
    public void Bad_state_is_an_error_naming_the_key(string written, string key, string says)
    {
        var error = ReadFails($"name: a\nimage: b\n{written}\n", line: 3, key: key);

        Assert.Contains(says, error.Message);
    }

    [Fact]
    public void A_single_server_may_stand_at_the_top_level()
    {
        var server = Assert.Single(McpConfigYamlReader.Read("# one server\nname: fs\nimage: mcp/filesystem\n", File));

        Assert.Equal("fs", server.Name);
        Assert.Equal("mcp/filesystem", server.Image);
        Assert.Equal(new ConfigSource(File, 2), server.Source);
    }

    [Theory]
    [InlineData("node", RuntimeKind.Node)]
    [InlineData("Python", RuntimeKind.Python)]
    public void Runtime_shorthand_names_the_runtime_type(string written, RuntimeKind expected)
    {
        var server = Assert.Single(McpConfigYamlReader.Read($"name: a\nruntime: {written}\n", File));

        Assert.Equal(expected, server.Runtime!.Kind);
        Assert.Null(server.Runtime.Version);
        Assert.Empty(server.Runtime.PreinstallPackages);
        Assert.Null(server.Runtime.Dockerfile);
    }

    [Fact]
    public void Runtime_names_a_local_base_image()
    {
        var server = Assert.Single(McpConfigYamlReader.Read("name: a\nruntime: { type: python, base_image: my/python-deps:1 }\n", File));

        Assert.Equal(RuntimeKind.Python, server.Runtime!.Kind);
        Assert.Equal("my/python-deps:1", server.Runtime.BaseImage);
    }

    [Fact]
    public void Package_names_an_npm_package_to_run_as_npx_would()
    {
        var server = Assert.Single(McpConfigYamlReader.Read("name: memory\npackage: \"@modelcontextprotocol/server-memory@2026.8.31\"\n", File));

        Assert.Equal("@modelcontextprotocol/server-memory@2026.8.31", server.Package);
        Assert.Null(server.Image);
        Assert.Null(server.Runtime);
    }

    [Theory]
    [InlineData("image: b", "image")]
    [InlineData("runtime: node", "runtime")]
    public void Package_with_an_image_or_a_runtime_is_an_error(string other, string named)
    {
        var error = ReadFails($"name: a\npackage: p\n{other}\n", line: 2, key: "package");

        Assert.Contains($"together with {named}", error.Message);
    }

    [Fact]
    public void Runtime_names_the_program_to_run()
    {
        var server = Assert.Single(McpConfigYamlReader.Read("name: a\nruntime: { type: node, preinstall_packages: [a, b], bin: b-server }\n", File));

        Assert.Equal("b-server", server.Runtime!.Bin);
    }

    [Fact]
    public void Base_image_on_a_custom_runtime_is_an_error()
    {
        var error = ReadFails("name: a\nruntime:\n  type: custom\n  dockerfile: ./Dockerfile\n  base_image: b\n", line: 5, key: "runtime.base_image");

        Assert.Contains("names its own base with FROM", error.Message);
    }

    [Fact]
    public void Custom_runtime_names_its_dockerfile()
    {
        var server = Assert.Single(McpConfigYamlReader.Read("name: a\nruntime: { type: custom, dockerfile: ./Dockerfile }\n", File));

        Assert.Equal(RuntimeKind.Custom, server.Runtime!.Kind);
        Assert.Equal("./Dockerfile", server.Runtime.Dockerfile);
    }

    [Theory]
    [InlineData("tools: all")]
    [InlineData("tools: ALL")]
    [InlineData("tools: { all: true }")]
    [InlineData("tools: { all: true, include: [] }")]
    [InlineData("tools:")]
    public void Tools_all_offers_every_tool(string tools)
    {
        var server = Assert.Single(McpConfigYamlReader.Read($"name: a\nimage: b\nmcp_server:\n  {tools}\n", File));

        Assert.True(server.McpServer.Tools.IsAll);
    }

    [Fact]
    public void Tool_include_and_exclude_accept_a_single_pattern()
    {
        var server = Assert.Single(McpConfigYamlReader.Read("name: a\nimage: b\nmcp_server: { tools: { include: 'list_*', exclude: drop } }\n", File));

        Assert.Equal(["list_*"], server.McpServer.Tools.Include);
        Assert.Equal(["drop"], server.McpServer.Tools.Exclude);
    }

    [Theory]
    [InlineData("always-on", LifecycleStrategy.AlwaysOn)]
    [InlineData("On-Demand", LifecycleStrategy.OnDemand)]
    [InlineData("on_demand", LifecycleStrategy.OnDemand)]
    [InlineData("PRE_WARMED", LifecycleStrategy.PreWarmed)]
    public void Strategy_is_read_ignoring_case_and_underscores(string written, LifecycleStrategy expected)
    {
        var server = Assert.Single(McpConfigYamlReader.Read($"name: a\nimage: b\nlifecycle: {{ strategy: {written} }}\n", File));

        Assert.Equal(expected, server.Lifecycle.Strategy);
    }

    [Fact]
    public void Values_are_kept_as_written_text()
    {
        const string yaml = """
            name: a
            runtime: { type: python, version: 3.10 }
            mcp_server:
              args: [--port, 8080, true, "${secret:Token}"]
              env: { DEBUG: true, RATE: 1.50, EMPTY: , TILDE: "~" }
            """;

        var server = Assert.Single(McpConfigYamlReader.Read(yaml, File));

        Assert.Equal("3.10", server.Runtime!.Version);
        Assert.Equal(["--port", "8080", "true", "${secret:Token}"], server.McpServer.Args);
        Assert.Equal(new Dictionary<string, string> { ["DEBUG"] = "true", ["RATE"] = "1.50", ["EMPTY"] = "", ["TILDE"] = "~" }, server.McpServer.Env);
    }

    [Fact]
    public void A_trailing_document_marker_is_not_a_second_document()
    {
        Assert.Single(McpConfigYamlReader.Read("---\nname: a\nimage: b\n---\n", File));
    }

    // ---- errors: each names the file, the line and the key ----

    [Fact]
    public void Unknown_key_names_file_line_and_the_closest_known_key()
    {
        var error = ReadFails("servers:\n  - name: a\n    image: b\n    resource_limits:\n      memry_mb: 5\n",
            line: 5, key: "servers[0].resource_limits.memry_mb");

        Assert.Contains("did you mean 'memory_mb'?", error.Message);
        Assert.Contains("cpu_cores, memory_mb, pids, execution_timeout_seconds", error.Message);
    }

    [Theory]
    [InlineData("memory: 5", "memory_mb")]
    [InlineData("CPU_Cores: 1", "cpu_cores")]
    [InlineData("pid: 5", "pids")]
    public void Unknown_key_suggests_a_near_miss(string written, string suggested)
    {
        var error = ReadFails($"name: a\nimage: b\nresource_limits:\n  {written}\n", line: 4, key: $"resource_limits.{written.Split(':')[0]}");

        Assert.Contains($"did you mean '{suggested}'?", error.Message);
    }

    [Fact]
    public void Unknown_key_far_from_any_lists_the_known_keys_without_a_guess()
    {
        var error = ReadFails("name: a\nimage: b\ncolour: red\n", line: 3, key: "colour");

        Assert.DoesNotContain("did you mean", error.Message);
        Assert.Contains("Known keys at the top level: name, image, package, runtime", error.Message);
    }

    [Fact]
    public void Misspelt_servers_key_is_pointed_at_servers()
    {
        var error = ReadFails("server:\n  - name: a\n", line: 1, key: "server");

        Assert.Contains("did you mean 'servers'?", error.Message);
    }

    [Theory]
    [InlineData("memory_mb: lots", "memory_mb", "must be a whole number, not 'lots'")]
    [InlineData("pids: 1.5", "pids", "must be a whole number, not '1.5'")]
    [InlineData("pids: [1]", "pids", "must be a whole number, not a list")]
    [InlineData("memory_mb: 99999999999", "memory_mb", "is too large")]
    [InlineData("cpu_cores: fast", "cpu_cores", "must be a number, not 'fast'")]
    [InlineData("cpu_cores: .nan", "cpu_cores", "must be a number, not '.nan'")]
    [InlineData("max_message_mb: 2048", "max_message_mb", "must be at most 1024 (MiB), not 2048")]
    public void Wrong_number_names_the_key_and_the_value(string written, string key, string expected)
    {
        var error = ReadFails($"name: a\nimage: b\nresource_limits:\n  {written}\n", line: 4, key: $"resource_limits.{key}");

        Assert.Contains(expected, error.Message);
    }

    [Theory]
    [InlineData("resource_limits: { memory_mb: 0 }", "resource_limits.memory_mb")]
    [InlineData("resource_limits: { pids: -1 }", "resource_limits.pids")]
    [InlineData("resource_limits: { execution_timeout_seconds: 0 }", "resource_limits.execution_timeout_seconds")]
    [InlineData("resource_limits: { max_message_mb: 0 }", "resource_limits.max_message_mb")]
    [InlineData("resource_limits: { cpu_cores: 0 }", "resource_limits.cpu_cores")]
    [InlineData("resource_limits: { cpu_cores: -0.5 }", "resource_limits.cpu_cores")]
    [InlineData("mcp_server: { timeout_seconds: 0 }", "mcp_server.timeout_seconds")]
    [InlineData("lifecycle: { rotation_interval_hours: 0 }", "lifecycle.rotation_interval_hours")]
    [InlineData("lifecycle: { max_executions: 0 }", "lifecycle.max_executions")]
    [InlineData("lifecycle: { health_check_interval_seconds: 0 }", "lifecycle.health_check_interval_seconds")]
    [InlineData("lifecycle: { idle_timeout_seconds: 0 }", "lifecycle.idle_timeout_seconds")]
    public void Counts_and_durations_must_be_greater_than_zero(string written, string key)
    {
        var error = ReadFails($"name: a\nimage: b\n{written}\n", line: 3, key: key);

        Assert.Contains("must be greater than 0", error.Message);
    }

    [Fact]
    public void Flag_that_is_not_true_or_false_is_an_error()
    {
        var error = ReadFails("name: a\nimage: b\nread_only: yes\n", line: 3, key: "read_only");

        Assert.Contains("must be true or false, not 'yes'", error.Message);
    }

    [Theory]
    [InlineData("mcp_server: { args: /app/index.js }", "mcp_server.args", "must be a list, not '/app/index.js'")]
    [InlineData("volumes: { a: b }", "volumes", "must be a list, not a mapping")]
    [InlineData("resource_limits: 5", "resource_limits", "must be a mapping, not '5'")]
    [InlineData("mcp_server: [a]", "mcp_server", "must be a mapping, not a list")]
    [InlineData("mcp_server: { env: [A=1] }", "mcp_server.env", "must be a mapping, not a list")]
    [InlineData("mcp_server: { env: { A: [1] } }", "mcp_server.env.A", "must be text, not a list")]
    [InlineData("mcp_server: { command: [node] }", "mcp_server.command", "must be text, not a list")]
    [InlineData("mcp_server: { tools: some }", "mcp_server.tools", "must be 'all' or a mapping")]
    [InlineData("user: ''", "user", "is empty")]
    public void Wrong_shape_names_the_key_and_what_was_expected(string written, string key, string expected)
    {
        var error = ReadFails($"name: a\nimage: b\n{written}\n", line: 3, key: key);

        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void List_item_errors_name_the_item_index()
    {
        var error = ReadFails("name: a\nimage: b\nvolumes:\n  - /a:/a\n  - [x]\n", line: 5, key: "volumes[1]");

        Assert.Contains("must be text, not a list", error.Message);
    }

    [Fact]
    public void Key_set_twice_in_one_mapping_names_both_lines()
    {
        var error = ReadFails("servers:\n  - name: a\n    image: b\n    mcp_server:\n      env:\n        A: 1\n        A: 2\n",
            line: 7, key: "servers[0].mcp_server.env.A");

        Assert.Contains("set twice in one mapping (first at line 6)", error.Message);
    }

    [Fact]
    public void Server_names_must_be_unique_ignoring_case()
    {
        var error = ReadFails("servers:\n  - name: pg\n    image: a\n  - name: PG\n    image: b\n", line: 4, key: "servers[1].name");

        Assert.Contains("'PG' is already the name of the server at line 2", error.Message);
    }

    [Fact]
    public void Server_without_a_name_is_an_error_at_its_mapping()
    {
        var error = ReadFails("servers:\n  - name: a\n    image: b\n  - image: c\n", line: 4, key: "servers[1].name");

        Assert.Contains("is missing", error.Message);
    }

    [Fact]
    public void Image_and_runtime_together_is_an_error()
    {
        var error = ReadFails("name: a\nimage: b\nruntime: node\n", line: 3, key: "runtime");

        Assert.Contains("together with image", error.Message);
    }

    [Fact]
    public void Neither_image_nor_runtime_is_an_error()
    {
        var error = ReadFails("servers:\n  - name: a\n    network: host\n", line: 2, key: "servers[0].image");

        Assert.Contains("name an image to run, an npm package to run (package:), or a runtime", error.Message);
    }

    [Theory]
    [InlineData("runtime: custom")]
    [InlineData("runtime: { type: custom }")]
    public void Custom_runtime_without_a_dockerfile_is_an_error(string runtime)
    {
        var error = ReadFails($"name: a\n{runtime}\n", line: 2, key: "runtime.dockerfile");

        Assert.Contains("is missing: a custom runtime is built from a Dockerfile", error.Message);
    }

    [Fact]
    public void Dockerfile_on_a_runtime_that_is_not_custom_is_an_error()
    {
        var error = ReadFails("name: a\nruntime:\n  type: python\n  dockerfile: ./Dockerfile\n", line: 4, key: "runtime.dockerfile");

        Assert.Contains("only for type: custom", error.Message);
    }

    [Theory]
    [InlineData("runtime: ruby", "runtime")]
    [InlineData("runtime: { type: ruby }", "runtime.type")]
    public void Unknown_runtime_type_lists_the_valid_ones(string runtime, string key)
    {
        var error = ReadFails($"name: a\n{runtime}\n", line: 2, key: key);

        Assert.Contains("must be one of python, node, custom, not 'ruby'", error.Message);
    }

    [Fact]
    public void Unknown_strategy_lists_the_valid_ones()
    {
        var error = ReadFails("name: a\nimage: b\nlifecycle:\n  strategy: sometimes\n", line: 4, key: "lifecycle.strategy");

        Assert.Contains("must be one of always-on, on-demand, pre-warmed, not 'sometimes'", error.Message);
    }

    [Fact]
    public void Transport_other_than_stdio_says_only_stdio_is_supported()
    {
        var error = ReadFails("name: a\nimage: b\nmcp_server:\n  transport: sse\n", line: 4, key: "mcp_server.transport");

        Assert.Contains("only stdio is supported", error.Message);
    }

    [Fact]
    public void Tools_all_true_with_an_include_list_is_a_contradiction()
    {
        var error = ReadFails("name: a\nimage: b\nmcp_server:\n  tools: { all: true, include: [q] }\n", line: 4, key: "mcp_server.tools.include");

        Assert.Contains("cannot be combined with all: true", error.Message);
    }

    [Theory]
    [InlineData("name: a\nimage: 'b\n", 2)]
    [InlineData("name: a\nimage: b: c\n", 2)]
    [InlineData("servers:\n  - name: a\n    image: [b, c\n", 4)]
    public void Yaml_syntax_error_reports_its_line(string yaml, int line)
    {
        var error = ReadFails(yaml, line, key: null);

        Assert.Contains("not valid YAML", error.Message);
    }

    [Fact]
    public void Unclosed_bracket_before_a_key_reports_the_line_of_the_bracket()
    {
        // YamlDotNet throws InvalidOperationException here rather than a YamlException.
        var error = ReadFails("servers:\n  - name: a\n    image: [b\n  - name: c\n", line: 3, key: null);

        Assert.Contains("not valid YAML after this line", error.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("# nothing yet\n")]
    public void Empty_file_has_no_servers(string yaml)
    {
        var error = ReadFails(yaml, line: 1, key: null);

        Assert.Contains("no servers", error.Message);
    }

    [Theory]
    [InlineData("servers: []\n")]
    [InlineData("servers:\n")]
    public void Empty_server_list_has_no_servers(string yaml)
    {
        var error = ReadFails(yaml, line: 1, key: "servers");

        Assert.Contains("no servers", error.Message);
    }

    [Fact]
    public void Second_yaml_document_is_an_error()
    {
        var error = ReadFails("name: a\nimage: b\n---\nname: c\nimage: d\n", line: 4, key: null);

        Assert.Contains("second YAML document", error.Message);
    }

    [Fact]
    public void Top_level_list_is_an_error()
    {
        var error = ReadFails("- name: a\n  image: b\n", line: 1, key: null);

        Assert.Contains("the top level must be a mapping", error.Message);
    }

    [Fact]
    public void Server_entry_that_is_not_a_mapping_is_an_error()
    {
        var error = ReadFails("servers:\n  - name: a\n    image: b\n  - pg\n", line: 4, key: "servers[1]");

        Assert.Contains("must be a mapping", error.Message);
    }

    /// <summary>Reads <paramref name="yaml"/> expecting failure; checks the message starts with <c>file:line:</c> and names the key.</summary>
    private static McpConfigException ReadFails(string yaml, int line, string? key)
    {
        var error = Assert.Throws<McpConfigException>(() => McpConfigYamlReader.Read(yaml, File));

        Assert.StartsWith($"{File}:{line}: ", error.Message);
        Assert.Equal(new ConfigSource(File, line), error.Location);
        Assert.Equal(key, error.Key);
        if (key is not null)
            Assert.Contains(key, error.Message);
        return error;
    }
}
