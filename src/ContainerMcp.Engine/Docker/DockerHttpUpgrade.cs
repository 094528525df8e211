using System.Globalization;
using System.Text;

namespace ContainerMcp.Engine.Docker;

/// <summary>
/// The attach handshake, written by hand because HttpClient cannot hand over the raw connection after
/// <c>101 Switching Protocols</c>: send the request, read the head, keep whatever bytes followed it.
/// </summary>
internal static class DockerHttpUpgrade
{
    private const int MaxHeadBytes = 64 * 1024;

    /// <summary>
    /// Performs the upgrade on a fresh connection; on any failure the connection is closed. <c>toException</c> turns
    /// an error status and the daemon's message into the exception to throw.
    /// </summary>
    public static async Task<HijackedStream> UpgradeAsync(
        DockerConnection connection,
        string pathAndQuery,
        Func<int, string?, DockerEngineException> toException,
        CancellationToken ct)
    {
        try
        {
            var request =
                $"POST {pathAndQuery} HTTP/1.1\r\n" +
                "Host: docker\r\n" +
                "User-Agent: ContainerMcp\r\n" +
                "Content-Type: text/plain\r\n" +
                "Content-Length: 0\r\n" +
                "Connection: Upgrade\r\n" +
                "Upgrade: tcp\r\n" +
                "\r\n";
            await connection.Stream.WriteAsync(Encoding.ASCII.GetBytes(request), ct).ConfigureAwait(false);
            await connection.Stream.FlushAsync(ct).ConfigureAwait(false);

            var reader = new HeadReader(connection.Stream);
            var status = ParseStatus(await reader.ReadLineAsync(ct).ConfigureAwait(false));
            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            for (var line = await reader.ReadLineAsync(ct).ConfigureAwait(false); line.Length > 0; line = await reader.ReadLineAsync(ct).ConfigureAwait(false))
            {
                var colon = line.IndexOf(':');
                if (colon > 0)
                {
                    headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
                }
            }

            // 101 is the modern answer; daemons older than API 1.24 answered 200 and hijacked all the same.
            if (status is 101 or 200)
            {
                return new HijackedStream(connection, reader.Remaining);
            }

            var body = await ReadBodyAsync(reader, headers, ct).ConfigureAwait(false);
            throw toException(status, DockerJson.ErrorMessage(body));
        }
        catch
        {
            await connection.Stream.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private static int ParseStatus(string statusLine)
    {
        // "HTTP/1.1 101 UPGRADED"
        var parts = statusLine.Split(' ', 3);
        if (parts.Length < 2 || !parts[0].StartsWith("HTTP/", StringComparison.Ordinal) ||
            !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var status))
        {
            throw new DockerEngineException($"The Docker engine answered the attach request with something that is not HTTP: '{statusLine}'.");
        }

        return status;
    }

    private static async Task<byte[]> ReadBodyAsync(HeadReader reader, Dictionary<string, string> headers, CancellationToken ct)
    {
        if (headers.TryGetValue("Content-Length", out var lengthText) &&
            int.TryParse(lengthText, NumberStyles.None, CultureInfo.InvariantCulture, out var length))
        {
            return await reader.ReadBytesAsync(Math.Min(length, MaxHeadBytes), ct).ConfigureAwait(false);
        }

        if (headers.TryGetValue("Transfer-Encoding", out var encoding) && encoding.Contains("chunked", StringComparison.OrdinalIgnoreCase))
        {
            using var body = new MemoryStream();
            while (body.Length < MaxHeadBytes)
            {
                var sizeText = (await reader.ReadLineAsync(ct).ConfigureAwait(false)).Split(';')[0].Trim();
                if (!int.TryParse(sizeText, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var size) || size == 0)
                {
                    break;
                }

                body.Write(await reader.ReadBytesAsync(Math.Min(size, MaxHeadBytes), ct).ConfigureAwait(false));
                await reader.ReadLineAsync(ct).ConfigureAwait(false);
            }

            return body.ToArray();
        }

        // Neither length nor chunking: the daemon sends an error body only with one of them, so there is none.
        return [];
    }

    /// <summary>Buffered reading of CRLF lines and counted bytes, leaving what it over-read in <see cref="Remaining"/>.</summary>
    private sealed class HeadReader(Stream stream)
    {
        private readonly byte[] _buffer = new byte[MaxHeadBytes];
        private int _start;
        private int _end;

        public ReadOnlyMemory<byte> Remaining => _buffer.AsMemory(_start, _end - _start).ToArray();

        public async ValueTask<string> ReadLineAsync(CancellationToken ct)
        {
            while (true)
            {
                var newline = _buffer.AsSpan(_start, _end - _start).IndexOf("\r\n"u8);
                if (newline >= 0)
                {
                    var line = Encoding.ASCII.GetString(_buffer, _start, newline);
                    _start += newline + 2;
                    return line;
                }

                await FillAsync(ct).ConfigureAwait(false);
            }
        }

        public async ValueTask<byte[]> ReadBytesAsync(int count, CancellationToken ct)
        {
            while (_end - _start < count)
            {
                await FillAsync(ct).ConfigureAwait(false);
            }

            var bytes = _buffer.AsSpan(_start, count).ToArray();
            _start += count;
            return bytes;
        }

        private async ValueTask FillAsync(CancellationToken ct)
        {
            if (_start > 0)
            {
                _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
                _end -= _start;
                _start = 0;
            }

            if (_end == _buffer.Length)
            {
                throw new DockerEngineException($"The Docker engine's answer to the attach request exceeded {MaxHeadBytes / 1024} KiB without ending.");
            }

            var read = await stream.ReadAsync(_buffer.AsMemory(_end), ct).ConfigureAwait(false);
            if (read == 0)
            {
                throw new IOException("The Docker engine closed the connection before it finished answering the attach request.");
            }

            _end += read;
        }
    }
}
