namespace ContainerMcp.Engine.Tests.Fixtures;

/// <summary>
/// What tests/rig/up.sh prepared: image names and the PostgreSQL connection. Read from the environment
/// (tests/run.sh sources .rig/env) or, for a plain `dotnet test`, from the .rig/env file of this checkout.
/// </summary>
public sealed class Rig
{
    private readonly Dictionary<string, string> _values;

    private Rig(Dictionary<string, string> values) => _values = values;

    public string NodeImage => this["CONTAINERMCP_IMAGE_NODE"];
    public string EverythingImage => this["CONTAINERMCP_IMAGE_EVERYTHING"];
    public string PostgresImage => this["CONTAINERMCP_IMAGE_POSTGRES"];
    public string PostgresUrl => this["CONTAINERMCP_PG_URL"];
    public string PostgresPassword => File.ReadAllText(this["CONTAINERMCP_PG_PASSWORD_FILE"]).Trim();

    /// <summary>PostgreSQL 15 itself as an image (database app, role reader, table origin), for a database container.</summary>
    public string PgServerImage => this["CONTAINERMCP_IMAGE_PGSERVER"];
    /// <summary>Squid from this machine's Debian package (tests/rig/lib.sh), the egress proxy; the rig's name when an older .rig/env lacks it.</summary>
    public string SquidImage =>
        (Environment.GetEnvironmentVariable("CONTAINERMCP_IMAGE_SQUID") ?? _values.GetValueOrDefault("CONTAINERMCP_IMAGE_SQUID")) is { Length: > 0 } image
            ? image : "containermcp/squid:local";

    public string PgServerPassword => File.ReadAllText(this["CONTAINERMCP_PGSERVER_PASSWORD_FILE"]).Trim();

    /// <summary>The rig's second dockerd over TLS (tests/rig/lib-remote.sh): tcp://127.0.0.1:port, and its client certificates.</summary>
    public string RemoteHost => this["CONTAINERMCP_REMOTE_HOST"];
    public string RemoteCertPath => this["CONTAINERMCP_REMOTE_CERT_PATH"];

    /// <summary>tests/rig/remote-engine.sh: stops or starts the remote dockerd.</summary>
    public string RemoteControl => this["CONTAINERMCP_REMOTE_CONTROL"];

    public string this[string key] => _values.TryGetValue(key, out var value) && value.Length > 0
        ? value
        : throw new InvalidOperationException($"The test rig did not provide {key}. Run tests/rig/up.sh (or tests/run.sh) first.");

    public static Rig Load()
    {
        var values = new Dictionary<string, string>();
        var envFile = FindEnvFile();
        if (envFile is not null)
        {
            foreach (var raw in File.ReadAllLines(envFile))
            {
                var line = raw.Trim();
                if (line.StartsWith("export ")) line = line["export ".Length..];
                int eq = line.IndexOf('=');
                if (eq <= 0 || line.StartsWith('#')) continue;
                values[line[..eq]] = line[(eq + 1)..].Trim('"', '\'');
            }
        }
        foreach (var key in values.Keys.ToList())
        {
            if (Environment.GetEnvironmentVariable(key) is { Length: > 0 } fromEnv) values[key] = fromEnv;
        }
        if (!values.ContainsKey("CONTAINERMCP_RIG_READY"))
            throw new InvalidOperationException("The test rig is not up: no .rig/env was found. Run tests/rig/up.sh (or tests/run.sh) first.");
        return new Rig(values);
    }

    private static string? FindEnvFile()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, ".rig", "env");
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }
}
