namespace ContainerMcp.Engine.Config;

/// <summary>A configuration that cannot be used. The message names the file, line and key when they are known.</summary>
public class McpConfigException : Exception
{
    public McpConfigException(string message, ConfigSource? source = null, string? key = null, Exception? inner = null)
        : base(message, inner)
    {
        Source = source;
        Key = key;
    }

    public ConfigSource? Source { get; }
    public string? Key { get; }
}
