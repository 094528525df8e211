using System.Globalization;
using System.Text.RegularExpressions;

namespace ContainerMcp.Engine.Config.Imports;

/// <summary>Docker's memory sizes (<c>512m</c>, <c>1g</c>, <c>1024k</c>, <c>1.5GiB</c>, plain bytes) in whole megabytes.</summary>
internal static partial class MemorySize
{
    private const double BytesPerMegabyte = 1024 * 1024;

    /// <summary>Rounds up, so a limit never comes out below what the file asked for.</summary>
    public static bool TryParseMegabytes(string text, out int megabytes)
    {
        megabytes = 0;
        var match = Size().Match(text);
        if (!match.Success
            || !double.TryParse(match.Groups["number"].Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var bytes))
            return false;

        // Like docker, every unit is binary: 1k is 1024 bytes.
        var unit = match.Groups["unit"].Value.ToLowerInvariant();
        var power = unit.Length == 0 ? 0 : "kmgtp".IndexOf(unit[0]) + 1;
        bytes *= Math.Pow(1024, power);

        var rounded = Math.Ceiling(bytes / BytesPerMegabyte);
        if (rounded < 1 || rounded > int.MaxValue) return false;
        megabytes = (int)rounded;
        return true;
    }

    [GeneratedRegex(@"^\s*(?<number>\d+(\.\d+)?)\s*(?<unit>[kmgtp]?)(i?b)?\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex Size();
}
