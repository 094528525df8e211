using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace ContainerMcp.Engine.Docker;

/// <summary>The HTTP side of every call: one request out, a 2xx answer back or a typed exception, JSON both ways.</summary>
public sealed partial class DockerClient
{
    private static ByteArrayContent JsonContent<T>(T body)
    {
        var content = new ByteArrayContent(DockerJson.Serialize(body));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }

    /// <summary>
    /// Sends one request and returns the successful (2xx or 304) response; anything else becomes a typed exception.
    /// <c>path</c> has no version prefix (e.g. <c>/containers/create</c>) so error messages read well;
    /// <c>headersOnly</c> returns as soon as the head arrives, leaving the body to be streamed.
    /// </summary>
    private async Task<HttpResponseMessage> SendAsync(
        HttpMethod method,
        string path,
        string? query = null,
        HttpContent? content = null,
        DockerTarget target = default,
        CancellationToken ct = default,
        bool versioned = true,
        bool headersOnly = false)
    {
        var prefix = versioned ? "/v" + await GetApiVersionAsync(ct).ConfigureAwait(false) : "";
        using var request = new HttpRequestMessage(method, prefix + path + query) { Content = content };
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(
                request, headersOnly ? HttpCompletionOption.ResponseHeadersRead : HttpCompletionOption.ResponseContentRead, ct).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw Translate(ex, method.Method, path);
        }

        if (response.IsSuccessStatusCode || response.StatusCode == HttpStatusCode.NotModified)
        {
            return response;
        }

        using (response)
        {
            byte[] body;
            try
            {
                body = await response.Content.ReadAsByteArrayAsync(ct).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or HttpRequestException)
            {
                body = [];
            }

            throw DockerErrors.FromResponse((int)response.StatusCode, DockerJson.ErrorMessage(body), method.Method, path, target);
        }
    }

    private async Task<T> ReadJsonAsync<T>(HttpResponseMessage response, CancellationToken ct)
    {
        var path = response.RequestMessage?.RequestUri?.AbsolutePath ?? "";
        try
        {
            await using var body = await response.Content.ReadAsStreamAsync(ct).ConfigureAwait(false);
            return await DockerJson.DeserializeAsync<T>(body, ct).ConfigureAwait(false);
        }
        catch (JsonException ex)
        {
            throw new DockerEngineException($"The Docker engine's answer to {path} could not be read as {typeof(T).Name}: {ex.Message}", innerException: ex);
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException)
        {
            throw LostConnection(response.RequestMessage?.Method.Method ?? "", path, ex);
        }
    }

    private DockerEngineException Translate(HttpRequestException ex, string method, string path)
    {
        // The connector's own exceptions (unreachable, bad TLS files) arrive wrapped by SocketsHttpHandler.
        for (Exception? inner = ex; inner is not null; inner = inner.InnerException)
        {
            if (inner is DockerEngineException engine)
            {
                return engine;
            }
        }

        return ex.HttpRequestError == HttpRequestError.ConnectionError
            ? new DockerUnreachableException(Endpoint, ex.Message, ex)
            : LostConnection(method, path, ex);
    }

    private DockerEngineException LostConnection(string method, string path, Exception ex) =>
        new($"The connection to the Docker engine at {Endpoint} broke during {method} {path}: {ex.Message}", innerException: ex);

    private static string ContainerPath(string id, string suffix)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        return $"/containers/{Uri.EscapeDataString(id)}{suffix}";
    }

    private static string Query(params (string Name, string Value)[] parameters) =>
        "?" + string.Join('&', parameters.Select(p => $"{p.Name}={Uri.EscapeDataString(p.Value)}"));
}
