namespace ContainerMcp.Engine.Config.Imports;

/// <summary>
/// Reads a client's <c>docker run …</c> (or <c>podman run …</c>) line the way the docker CLI does: options up to
/// the first plain word, which is the image; every word after it is the container's command.
/// </summary>
internal static class DockerRunTranslator
{
    public static McpServerConfig Translate(ClientEntry entry, string program)
    {
        var args = entry.Args;
        var i = RunVerbLength(args);
        if (i == 0)
            throw entry.Refuse(args.Count > 0 ? args[0].At : entry.CommandAt,
                $"only '{program} run …' can be translated into a ContainerMcp server.");

        var settings = new DockerRunSettings(entry);
        while (i < args.Count && IsOption(args[i].Value))
        {
            if (args[i].Value == "--") { i++; break; }
            i = args[i].Value.StartsWith("--", StringComparison.Ordinal)
                ? ReadLongOption(entry, args, i, settings)
                : ReadShortOptions(entry, args, i, settings);
        }

        if (i >= args.Count)
            throw entry.Refuse(entry.At.Property("args") ?? entry.At, $"the '{program} run' line names no image.");
        return settings.Build(args[i].Value, args.Skip(i + 1).Select(a => a.Value).ToList());
    }

    /// <summary>How many words <c>run</c> takes: 1 for <c>run</c>, 2 for <c>container run</c>, 0 when neither.</summary>
    private static int RunVerbLength(IReadOnlyList<ClientArg> args) =>
        args.Count > 0 && args[0].Value == "run" ? 1
        : args.Count > 1 && args[0].Value == "container" && args[1].Value == "run" ? 2
        : 0;

    private static bool IsOption(string word) => word.Length > 1 && word[0] == '-';

    /// <summary><c>--name value</c> or <c>--name=value</c>; returns the index of the next word.</summary>
    private static int ReadLongOption(ClientEntry entry, IReadOnlyList<ClientArg> args, int i, DockerRunSettings settings)
    {
        var arg = args[i];
        var equals = arg.Value.IndexOf('=');
        var written = equals < 0 ? arg.Value : arg.Value[..equals];
        var inline = equals < 0 ? null : arg.Value[(equals + 1)..];
        var flag = Lookup(entry, written, arg);

        if (!flag.TakesValue)
        {
            ApplySwitch(entry, flag, written, inline, arg, settings);
            return i + 1;
        }
        if (inline is not null)
        {
            settings.Apply(flag, inline, arg);
            return i + 1;
        }
        var value = ValueAfter(entry, args, i, written);
        settings.Apply(flag, value.Value, value);
        return i + 2;
    }

    /// <summary>
    /// Short options may be grouped (<c>-it</c>); an option that reads a value takes the rest of the group
    /// (<c>-eKEY=value</c>, <c>-e=KEY=value</c>) or, when nothing is left, the next word.
    /// </summary>
    private static int ReadShortOptions(ClientEntry entry, IReadOnlyList<ClientArg> args, int i, DockerRunSettings settings)
    {
        var arg = args[i];
        for (var c = 1; c < arg.Value.Length; c++)
        {
            var written = "-" + arg.Value[c];
            var flag = Lookup(entry, written, arg);
            if (!flag.TakesValue)
            {
                ApplySwitch(entry, flag, written, null, arg, settings);
                continue;
            }

            var rest = arg.Value[(c + 1)..];
            if (rest.StartsWith('=')) rest = rest[1..];
            if (rest.Length > 0)
            {
                settings.Apply(flag, rest, arg);
                return i + 1;
            }
            var value = ValueAfter(entry, args, i, written);
            settings.Apply(flag, value.Value, value);
            return i + 2;
        }
        return i + 1;
    }

    private static DockerRunFlag Lookup(ClientEntry entry, string written, ClientArg arg)
    {
        var flag = DockerRunFlags.Find(written)
            ?? throw entry.Refuse(arg.At, CannotTranslate(written, DockerRunFlags.UnknownRefusal));
        // A refused option that needs a value is refused whatever the value; a refused switch only when on.
        if (flag.Refusal is not null && flag.TakesValue)
            throw entry.Refuse(arg.At, CannotTranslate(written, flag.Refusal));
        return flag;
    }

    private static void ApplySwitch(ClientEntry entry, DockerRunFlag flag, string written, string? inline, ClientArg arg, DockerRunSettings settings)
    {
        if (!DockerRunFlags.TryParseSwitch(inline, out var on))
            throw entry.Refuse(arg.At, $"'{arg.Value}' is not a valid docker option: {written} is true or false.");
        if (on && flag.Refusal is not null)
            throw entry.Refuse(arg.At, CannotTranslate(written, flag.Refusal));
        settings.Apply(flag, on);
    }

    private static ClientArg ValueAfter(ClientEntry entry, IReadOnlyList<ClientArg> args, int i, string written) =>
        i + 1 < args.Count
            ? args[i + 1]
            : throw entry.Refuse(args[i].At, $"'{written}' needs a value and none follows.");

    private static string CannotTranslate(string written, string why) =>
        $"'{written}' cannot be translated into a ContainerMcp server: {why}";
}
