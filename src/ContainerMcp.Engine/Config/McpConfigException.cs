namespace ContainerMcp.Engine.Config;

/// <summary>A configuration that cannot be used. The message names the file, line and key when they are known.</summary>
public class McpConfigException : EngineException
{
    public McpConfigException(string message, ConfigSource? source = null, string? key = null, Exception? inner = null, NextStep next = NextStep.None)
        : base(message, inner)
    {
        NextStep = next;
        Location = source;
        Key = key;
    }

    /// <summary>The file and line concerned, when known (Exception.Source is taken by .NET).</summary>
    public ConfigSource? Location { get; }
    public string? Key { get; }
    public override EngineErrorKind Kind => EngineErrorKind.InvalidData;
    public override NextStep NextStep { get; }
}
