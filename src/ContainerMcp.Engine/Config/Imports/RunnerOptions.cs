namespace ContainerMcp.Engine.Config.Imports;

/// <summary>An option a package runner was given, by its long name, with where its value was written.</summary>
internal sealed record RunnerOption(string Name, string Value, ClientArg At);

/// <summary>
/// Reads a package runner's own options (npx, uvx) up to its first plain word. An option it does not know is
/// refused: it might fetch the package from somewhere the image build would not.
/// </summary>
internal static class RunnerOptions
{
    /// <param name="entry">The entry whose args are read.</param>
    /// <param name="runner">The runner's name, for messages.</param>
    /// <param name="switches">Options without a value, as written (<c>-y</c>, <c>--yes</c>).</param>
    /// <param name="valueOptions">Options with a value, as written, to their long name (<c>-p</c> → <c>--package</c>).</param>
    /// <returns>The options, and the index of the first plain word (past a <c>--</c>); the count when none.</returns>
    public static (IReadOnlyList<RunnerOption> Options, int FirstWord) Read(
        ClientEntry entry, string runner, IReadOnlySet<string> switches, IReadOnlyDictionary<string, string> valueOptions)
    {
        var options = new List<RunnerOption>();
        var args = entry.Args;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg.Value == "--") return (options, i + 1);
            if (!arg.Value.StartsWith('-')) return (options, i);
            if (switches.Contains(arg.Value)) continue;

            var equals = arg.Value.IndexOf('=');
            var written = equals < 0 ? arg.Value : arg.Value[..equals];
            if (!valueOptions.TryGetValue(written, out var name))
                throw entry.Refuse(arg.At,
                    $"the {runner} option '{written}' cannot be translated; only {string.Join(", ", switches.Concat(valueOptions.Keys))} can.");

            if (equals >= 0)
            {
                options.Add(new RunnerOption(name, arg.Value[(equals + 1)..], arg));
                continue;
            }
            if (i + 1 >= args.Count)
                throw entry.Refuse(arg.At, $"'{written}' needs a value and none follows.");
            options.Add(new RunnerOption(name, args[i + 1].Value, args[i + 1]));
            i++;
        }
        return (options, args.Count);
    }
}
