namespace ContainerMcp.Engine.Config;

/// <summary>A configuration that cannot be used. The message names the file, line and key when they are known.</summary>
public class McpConfigException : Exception
{
    public McpConfigException(string message, ConfigSource? source = null, string? key = null, Exception? inner = null)
        : base(message, inner)
    {
        Location = source;
        Key = key;
    }

    /// <summary>The file and line concerned, when known (Exception.Source is taken by .NET).</summary>
    public ConfigSource? Location { get; }
    public string? Key { get; }
}
