using ContainerMcp.Engine.Egress;
using YamlDotNet.RepresentationModel;

namespace ContainerMcp.Engine.Config;

/// <summary>
/// Reads <c>egress: { allow: [...], allow_private: [...], proxy_image: ..., network: ... }</c>, checking every entry
/// here so that a bad one is reported at its file and line.
/// </summary>
internal static class EgressYamlReader
{
    private static readonly string[] Keys = ["allow", "allow_private", "proxy_image", "network"];

    public static EgressConfig? Read(YamlMappingReader server)
    {
        if (server.Node("egress") is { } node and not YamlMappingNode)
            throw server.Fail("egress", $"must be a mapping with allow, e.g. egress: {{ allow: [api.example.com:443] }}, not {YamlMappingReader.Describe(node)}");
        if (server.Mapping("egress", Keys) is not { } egress) return null;
        var allow = egress.List("allow", allowSingleValue: true) ?? [];
        var allowPrivate = egress.List("allow_private", allowSingleValue: true) ?? [];
        if (allow.Count + allowPrivate.Count == 0)
            throw egress.Fail("allow", "is missing or empty: list what the server may reach, e.g. allow: [api.example.com:443]");
        try { EgressAllowList.Parse(allow, allowPrivate, egress.PathOf("allow"), egress.PathOf("allow_private")); }
        catch (ArgumentException ex)
        {
            var key = ex.Message.StartsWith(egress.PathOf("allow_private"), StringComparison.Ordinal) ? "allow_private" : "allow";
            throw YamlMappingReader.Fail(server.File, egress.Node(key)?.Start.Line ?? egress.Line, egress.PathOf(key), ex.Message, ex);
        }
        var image = egress.String("proxy_image");
        if (image is not null && !Docker.ImageReference.TryParse(image, out _, out var problem))
            throw egress.Fail("proxy_image", $"'{image}' is not a valid image reference: {problem}");
        return new EgressConfig { Allow = allow, AllowPrivate = allowPrivate, ProxyImage = image, Network = egress.String("network") };
    }
}
