using ContainerMcp.Engine.Config;

namespace ContainerMcp.Engine.Tests.Config;

/// <summary>References resolved at start; literal secrets refused in files and kept out of exports.</summary>
public sealed class CredentialTests
{
    private static readonly Dictionary<string, string> Environment = new() { ["PG_PASSWORD"] = "s3cr3t!", ["HOST"] = "db" };

    private sealed class Vault(Dictionary<string, string> secrets) : ISecretSource
    {
        public string? GetSecret(string name) => secrets.GetValueOrDefault(name);
    }

    [Fact]
    public void Env_and_secret_references_are_replaced_in_place()
    {
        var value = CredentialReferences.Resolve("postgresql://app:${env:PG_PASSWORD}@${env:HOST}/x?k=${secret:api}", "test",
            Environment.GetValueOrDefault, new Vault(new() { ["api"] = "k-123" }));
        Assert.Equal("postgresql://app:s3cr3t!@db/x?k=k-123", value);
    }

    [Fact]
    public void Doubled_dollar_keeps_a_literal_reference()
    {
        Assert.Equal("${env:HOST} and db", CredentialReferences.Resolve("$${env:HOST} and ${env:HOST}", "test", Environment.GetValueOrDefault, null));
    }

    [Fact]
    public void Missing_variable_is_named_with_where_it_is_used()
    {
        var error = Assert.Throws<McpConfigException>(() =>
            CredentialReferences.Resolve("${env:NOPE_NOT_SET}", "Server 'pg', env PGPASSWORD", Environment.GetValueOrDefault, null));
        Assert.Contains("NOPE_NOT_SET", error.Message);
        Assert.Contains("Server 'pg', env PGPASSWORD", error.Message);
    }

    [Fact]
    public void Secret_reference_without_a_store_says_how_to_get_one()
    {
        var error = Assert.Throws<McpConfigException>(() => CredentialReferences.Resolve("${secret:td}", "x", _ => null, null));
        Assert.Contains("SecretManagement", error.Message);
    }

    [Fact]
    public void Missing_secret_is_named()
    {
        var error = Assert.Throws<McpConfigException>(() => CredentialReferences.Resolve("${secret:td}", "x", _ => null, new Vault([])));
        Assert.Contains("'td'", error.Message);
    }

    [Theory]
    [InlineData("PGPASSWORD")]
    [InlineData("GITHUB_PERSONAL_ACCESS_TOKEN")]
    [InlineData("API_KEY")]
    [InlineData("OPENAI_APIKEY")]
    [InlineData("CLIENT_SECRET")]
    [InlineData("AWS_SECRET_ACCESS_KEY")]
    [InlineData("DB_PASS")]
    public void Secret_looking_keys_are_recognised(string key) => Assert.True(SecretDetection.IsSecretKey(key));

    [Theory]
    [InlineData("AUTH_MODE")]
    [InlineData("BYPASS_CACHE")]
    [InlineData("KEYBOARD_LAYOUT")]
    [InlineData("LOGGING_LEVEL")]
    [InlineData("MCP_TRANSPORT")]
    public void Ordinary_keys_are_not_secrets(string key) => Assert.False(SecretDetection.IsSecretKey(key));

    [Fact]
    public void Literal_secret_in_a_file_is_refused_with_the_safe_way_shown()
    {
        var config = Config(env: new() { ["PGPASSWORD"] = "hunter2" });

        var error = Assert.Throws<McpConfigException>(() => SecretDetection.Check(config));

        Assert.StartsWith("servers.yaml:7:", error.Message);
        Assert.Contains("${env:PGPASSWORD}", error.Message);
        Assert.Contains("allow_plaintext_secrets", error.Message);
        Assert.DoesNotContain("hunter2", error.Message);
        Assert.Equal("mcp_server.env.PGPASSWORD", error.Key);
    }

    [Fact]
    public void Password_inside_a_url_argument_is_refused_without_echoing_it()
    {
        var config = Config(args: ["postgresql://reader:hunter2@db/app"]);
        var error = Assert.Throws<McpConfigException>(() => SecretDetection.Check(config));
        Assert.Contains("args[0]", error.Message);
        Assert.DoesNotContain("hunter2", error.Message);
    }

    [Fact]
    public void References_and_explicit_permission_pass()
    {
        SecretDetection.Check(Config(env: new() { ["PGPASSWORD"] = "${env:PG_PASSWORD}" }, args: ["postgresql://r:${env:PW}@db/app"]));
        SecretDetection.Check(Config(env: new() { ["PGPASSWORD"] = "hunter2" }) with { AllowPlaintextSecrets = true });
        SecretDetection.Check(Config(env: new() { ["PGPASSWORD"] = "hunter2" }), allowPlaintext: true);
    }

    [Fact]
    public void Export_replaces_literal_secrets_with_references_and_masks_url_passwords()
    {
        var config = Config(env: new() { ["PGPASSWORD"] = "hunter2", ["LOG_LEVEL"] = "debug" }, args: ["postgresql://r:hunter2@db/app"])
            with { AllowPlaintextSecrets = true };

        var (safe, redacted) = McpConfigExport.Sanitize(config);

        Assert.Equal("${env:PGPASSWORD}", safe.McpServer.Env["PGPASSWORD"]);
        Assert.Equal("debug", safe.McpServer.Env["LOG_LEVEL"]);
        Assert.Equal("postgresql://r:***@db/app", safe.McpServer.Args[0]);
        Assert.Equal(["env PGPASSWORD", "args[0]"], redacted);
        Assert.False(safe.AllowPlaintextSecrets);
        Assert.Null(safe.Source);
    }

    private static McpServerConfig Config(Dictionary<string, string>? env = null, string[]? args = null) => new()
    {
        Name = "pg",
        Image = "containermcp/postgres:local",
        McpServer = new McpProcessConfig { Env = env ?? [], Args = args ?? [] },
        Source = new ConfigSource("servers.yaml", 7),
    };
}
