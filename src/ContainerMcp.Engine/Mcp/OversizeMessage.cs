using System.Buffers;
using System.Collections;
using System.Text.Json;

namespace ContainerMcp.Engine.Mcp;

/// <summary>
/// What a refused message becomes. An answer (it had an id and no method) is replaced by a JSON-RPC error for that
/// id, so the call waiting for it fails at once instead of hanging; the error's code and data mark it as ours, and
/// <see cref="TryRead"/> finds them again on the SDK's exception.
/// </summary>
internal static class OversizeMessage
{
    /// <summary>In JSON-RPC's range for implementation-defined errors; with <see cref="Marker"/> in the data, it is ours.</summary>
    public const int ErrorCode = -32090;

    private const string Marker = "containermcp";
    private const string MarkerValue = "message_too_large";

    /// <summary>A JSON-RPC error line answering <paramref name="id"/>; null when the id is not valid JSON after all.</summary>
    public static byte[]? ErrorFor(byte[] id, long bytes, long limit)
    {
        var output = new ArrayBufferWriter<byte>(256);
        try
        {
            using (var json = new Utf8JsonWriter(output))
            {
                json.WriteStartObject();
                json.WriteString("jsonrpc", "2.0");
                json.WritePropertyName("id");
                json.WriteRawValue(id);
                json.WriteStartObject("error");
                json.WriteNumber("code", ErrorCode);
                json.WriteString("message", $"message of {Size(bytes)} refused; the limit is {Size(limit)}");
                json.WriteStartObject("data");
                json.WriteString(Marker, MarkerValue);
                json.WriteNumber("bytes", bytes);
                json.WriteNumber("limit", limit);
                json.WriteEndObject();
                json.WriteEndObject();
                json.WriteEndObject();
            }
            output.Write("\n"u8);
            return output.WrittenSpan.ToArray();
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The size and limit of a refused answer, read back from the exception the SDK made of our error.</summary>
    public static bool TryRead(int errorCode, IDictionary data, out long bytes, out long limit)
    {
        bytes = limit = 0;
        return errorCode == ErrorCode && data[Marker] is MarkerValue &&
               long.TryParse(data["bytes"]?.ToString(), out bytes) && long.TryParse(data["limit"]?.ToString(), out limit);
    }

    /// <summary>Sizes as a person reads them: "4 MiB", "100.0 MiB", "512 KiB".</summary>
    public static string Size(long bytes) => bytes switch
    {
        >= 1024 * 1024 when bytes % (1024 * 1024) == 0 => $"{bytes / (1024 * 1024)} MiB",
        >= 1024 * 1024 => $"{bytes / (1024.0 * 1024):0.0} MiB",
        >= 1024 => $"{bytes / 1024.0:0.#} KiB",
        _ => $"{bytes} bytes",
    };
}
