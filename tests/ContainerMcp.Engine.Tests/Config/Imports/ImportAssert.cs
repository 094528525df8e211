using System.Text.Json;
using ContainerMcp.Engine.Config;
using ContainerMcp.Engine.Config.Imports;

namespace ContainerMcp.Engine.Tests.Config.Imports;

/// <summary>Reads JSON the way the import cmdlet will, from a file name the assertions can look for.</summary>
internal static class ImportAssert
{
    public const string FileName = "claude_desktop_config.json";

    public static McpServerConfig Single(string json) => Assert.Single(McpJsonConfigReader.Read(json, FileName));

    public static McpConfigException Refused(string json) =>
        Assert.Throws<McpConfigException>(() => McpJsonConfigReader.Read(json, FileName));

    /// <summary>A Claude Desktop file with one server, <c>name</c>, launched as <c>command args…</c>.</summary>
    public static string ClaudeEntry(string name, string command, params string[] args) =>
        JsonSerializer.Serialize(new { mcpServers = new Dictionary<string, object> { [name] = new { command, args } } });

    /// <summary>Asserts the message names the file, the key path and every expected fragment.</summary>
    public static void Names(McpConfigException error, string key, params string[] fragments)
    {
        Assert.Equal(key, error.Key);
        Assert.Contains(FileName, error.Message);
        Assert.Contains(key, error.Message);
        foreach (var fragment in fragments)
            Assert.Contains(fragment, error.Message);
    }
}
