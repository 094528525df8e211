using System.Text;
using System.Text.RegularExpressions;

namespace ContainerMcp.Engine.Config;

/// <summary>
/// Case-insensitive wildcard matching in PowerShell's dialect (<c>*</c>, <c>?</c>, <c>[abc]</c>, <c>[a-c]</c>,
/// backtick escapes), kept here so the engine needs no PowerShell assembly.
/// </summary>
public static class NamePattern
{
    public static bool HasWildcards(string pattern) => pattern.IndexOfAny(['*', '?', '[']) >= 0;

    public static bool IsMatch(string pattern, string name) => ToRegex(pattern).IsMatch(name);

    public static Regex ToRegex(string pattern)
    {
        var regex = new StringBuilder("^");
        for (int i = 0; i < pattern.Length; i++)
        {
            char c = pattern[i];
            switch (c)
            {
                case '`' when i + 1 < pattern.Length:
                    regex.Append(Regex.Escape(pattern[++i].ToString()));
                    break;
                case '*':
                    regex.Append(".*");
                    break;
                case '?':
                    regex.Append('.');
                    break;
                case '[':
                    int close = pattern.IndexOf(']', i + 1);
                    if (close < 0) { regex.Append(@"\["); break; }
                    var set = pattern[(i + 1)..close].Replace(@"\", @"\\").Replace("^", @"\^");
                    regex.Append('[').Append(set).Append(']');
                    i = close;
                    break;
                default:
                    regex.Append(Regex.Escape(c.ToString()));
                    break;
            }
        }
        return new Regex(regex.Append('$').ToString(), RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
    }
}
