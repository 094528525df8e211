using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;

namespace ContainerMcp.Support;

/// <summary>
/// PowerShell names for what a server offers (Import-McpTool). A tool's name is cut into words at separators and
/// camelCase humps; when the first word is an approved verb (or a common synonym: list/fetch → Get, create → New,
/// delete → Remove, run/execute/call/trigger → Invoke) and words remain, it is the verb, else the verb is Invoke:
/// get-sum → Get-&lt;Prefix&gt;Sum, echo → Invoke-&lt;Prefix&gt;Echo. A prompt is Get-&lt;Prefix&gt;&lt;Name&gt;Prompt. Arguments
/// become PascalCase parameters (max_results → -MaxResults); one that would clash with a common parameter or one the
/// function adds gets "Argument" appended (verbose → -VerboseArgument). Clashes after that are numbered.
/// </summary>
internal static partial class ToolCommandNames
{
    private static readonly Lazy<HashSet<string>> ApprovedVerbs = new(() => new HashSet<string>(
        new[] { typeof(VerbsCommon), typeof(VerbsCommunications), typeof(VerbsData), typeof(VerbsDiagnostic), typeof(VerbsLifecycle), typeof(VerbsOther), typeof(VerbsSecurity) }
            .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.Static)).Select(f => (string)f.GetValue(null)!), StringComparer.OrdinalIgnoreCase));

    private static readonly Dictionary<string, string> Synonyms = new(StringComparer.OrdinalIgnoreCase)
    {
        ["list"] = "Get", ["fetch"] = "Get", ["retrieve"] = "Get", ["create"] = "New", ["delete"] = "Remove",
        ["run"] = "Invoke", ["execute"] = "Invoke", ["call"] = "Invoke", ["trigger"] = "Invoke",
    };

    /// <summary>Parameters every generated function has (common ones, and those it adds), which an argument may not take.</summary>
    public static readonly HashSet<string> Reserved = new(StringComparer.OrdinalIgnoreCase)
    {
        "Verbose", "Debug", "ErrorAction", "WarningAction", "InformationAction", "ProgressAction", "ErrorVariable", "WarningVariable",
        "InformationVariable", "OutVariable", "OutBuffer", "PipelineVariable", "WhatIf", "Confirm", "AsJob", "TimeoutSeconds",
    };

    /// <summary>The Verb-Noun of a tool's function.</summary>
    public static string ForTool(string toolName, string prefix)
    {
        var words = Words(toolName);
        var verb = words.Count > 1 ? VerbOf(words[0]) : null;
        var noun = prefix + (verb is null ? Pascal(words) : Pascal(words.Skip(1)));
        return $"{verb ?? "Invoke"}-{(noun.Length > 0 ? noun : "Tool")}";   // a name of no letters or digits: Invoke-Tool (numbered if need be)
    }

    /// <summary>The Verb-Noun of a prompt's function.</summary>
    public static string ForPrompt(string promptName, string prefix)
    {
        var noun = Pascal(Words(promptName));
        return $"Get-{prefix}{noun}{(noun.EndsWith("Prompt", StringComparison.Ordinal) ? "" : "Prompt")}";
    }

    /// <summary>A PascalCase identifier for a prefix or an argument ("" stays "").</summary>
    public static string Pascal(string name) => Pascal(Words(name));

    /// <summary>A parameter name for each argument, in order, none reserved and none twice.</summary>
    public static List<string> Parameters(IEnumerable<string> argumentNames)
    {
        var taken = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var names = new List<string>();
        foreach (var argument in argumentNames)
        {
            var name = Pascal(argument);
            if (name.Length == 0) name = "Argument";
            if (Reserved.Contains(name)) name += "Argument";
            var unique = name;
            for (int i = 2; !taken.Add(unique); i++) unique = name + i;
            names.Add(unique);
        }
        return names;
    }

    /// <summary>Makes each name unique (case-insensitive) by numbering repeats: Get-XSum, Get-XSum2.</summary>
    public static List<string> Unique(IEnumerable<string> names)
    {
        var taken = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        return names.Select(n => { var u = n; for (int i = 2; !taken.Add(u); i++) u = n + i; return u; }).ToList();
    }

    private static string? VerbOf(string word) =>
        Synonyms.TryGetValue(word, out var synonym) ? synonym
        : ApprovedVerbs.Value.TryGetValue(word, out var verb) ? verb
        : null;

    private static List<string> Words(string name) => WordPattern().Matches(name).Select(m => m.Value).ToList();

    private static string Pascal(IEnumerable<string> words)
    {
        var text = new StringBuilder();
        foreach (var word in words) text.Append(char.ToUpperInvariant(word[0])).Append(word.AsSpan(1));
        if (text.Length > 0 && char.IsDigit(text[0])) text.Insert(0, 'N');   // an identifier cannot start with a digit
        return text.ToString();
    }

    // Runs of letters and digits, cut before an upper-case letter that follows a lower-case one (camelCase humps).
    [GeneratedRegex(@"[A-Z]+(?![a-z])|[A-Z]?[a-z0-9]+|[0-9]+|[A-Z]")]
    private static partial Regex WordPattern();
}
