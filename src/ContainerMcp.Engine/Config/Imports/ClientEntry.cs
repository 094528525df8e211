namespace ContainerMcp.Engine.Config.Imports;

/// <summary>One argument of a client entry, its variables already translated, with where it was written.</summary>
internal sealed record ClientArg(string Value, LocatedJson At);

/// <summary>
/// A stdio server as an MCP client launches it (<c>command</c>, <c>args</c>, <c>env</c>), ready to be translated
/// by what its command is. Args and env values already have their variables translated.
/// </summary>
internal sealed record ClientEntry(
    string Name,
    LocatedJson At,
    LocatedJson CommandAt,
    IReadOnlyList<ClientArg> Args,
    IReadOnlyDictionary<string, string> Env)
{
    public McpConfigException Refuse(LocatedJson at, string message) => at.Error($"Server '{Name}': {message}");
}
