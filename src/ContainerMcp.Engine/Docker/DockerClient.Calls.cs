using System.Text.Json;
using Docker.DotNet;
using Docker.DotNet.Models;
using Api = Docker.DotNet.DockerClient;

namespace ContainerMcp.Engine.Docker;

/// <summary>
/// Every call goes through here: Docker.DotNet's, with its errors turned into ours (<see cref="CallAsync{T}"/>),
/// and the few requests the library cannot make (<c>/_ping</c>'s headers, <c>/wait</c> with a condition), sent
/// raw over the same handler.
/// </summary>
public sealed partial class DockerClient
{
    /// <summary>
    /// Registers a wait and returns once the daemon has accepted it; the returned task completes when the condition holds.
    /// Lets "next-exit" be registered before an action that may make the container exit at once.
    /// </summary>
    public async Task<Task<ContainerWaitResponse>> BeginWaitContainerAsync(string id, string condition = "not-running", CancellationToken ct = default)
    {
        var path = ContainerPath(id, "/wait");
        var response = await SendRawAsync(HttpMethod.Post, $"{path}?condition={Uri.EscapeDataString(condition)}", DockerTarget.Container(id), ct).ConfigureAwait(false);
        return ReadAndDisposeAsync(response);

        async Task<ContainerWaitResponse> ReadAndDisposeAsync(HttpResponseMessage message)
        {
            using (message)
            {
                return await ReadJsonAsync<ContainerWaitResponse>(message, path, ct).ConfigureAwait(false);
            }
        }
    }

    private async Task<T> CallAsync<T>(string method, string path, DockerTarget target, Func<Api, Task<T>> call, CancellationToken ct)
    {
        var api = await ApiAsync(ct).ConfigureAwait(false);
        try
        {
            return await call(api).ConfigureAwait(false);
        }
        catch (Exception ex) when (Translate(ex, method, path, target) is { } translated)
        {
            throw translated;
        }
    }

    private Task CallAsync(string method, string path, DockerTarget target, Func<Api, Task> call, CancellationToken ct) =>
        CallAsync(method, path, target, async api => { await call(api).ConfigureAwait(false); return true; }, ct);

    /// <summary>One request past the library; a 2xx answer is returned as soon as its head arrives, with the body still to read.</summary>
    private async Task<HttpResponseMessage> SendRawAsync(HttpMethod method, string pathAndQuery, DockerTarget target, CancellationToken ct, bool versioned = true)
    {
        var prefix = versioned ? "v" + await GetApiVersionAsync(ct).ConfigureAwait(false) : "";
        var path = pathAndQuery.Split('?')[0];
        using var request = new HttpRequestMessage(method, new Uri(EngineTransport.BaseAddress, prefix + pathAndQuery));
        request.Headers.UserAgent.ParseAdd("ContainerMcp");
        HttpResponseMessage response;
        try
        {
            response = await _raw.SendAsync(request, ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (Translate(ex, method.Method, path, target) is { } translated)
        {
            throw translated;
        }

        if (response.IsSuccessStatusCode) return response;
        using (response)
        {
            string body;
            try
            {
                body = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or HttpRequestException)
            {
                body = "";
            }

            throw DockerErrors.FromResponse((int)response.StatusCode, DockerJson.ErrorMessage(System.Text.Encoding.UTF8.GetBytes(body)), method.Method, path, target);
        }
    }

    private async Task<T> ReadJsonAsync<T>(HttpResponseMessage response, string path, CancellationToken ct)
    {
        try
        {
            await using var body = await response.Content.ReadAsStreamAsync(ct).ConfigureAwait(false);
            return await DockerJson.DeserializeAsync<T>(body, ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (Translate(ex, "GET", path, DockerTarget.None) is { } translated)
        {
            throw translated;
        }
    }

    /// <summary>Our exception for one from the library or the connection; null for cancellation and our own exceptions.</summary>
    private Exception? Translate(Exception ex, string method, string path, DockerTarget target)
    {
        switch (ex)
        {
            case DockerEngineException:
            case OperationCanceledException:
                return null;
            // The library's HTTP connection wraps a cancellation in HttpRequestException: callers wait for OCE.
            case HttpRequestException { InnerException: OperationCanceledException cancelled }:
                return new OperationCanceledException(cancelled.Message, ex, cancelled.CancellationToken);
            case DockerApiException api:
                var message = api.ResponseBody is { Length: > 0 } body ? DockerJson.ErrorMessage(System.Text.Encoding.UTF8.GetBytes(body)) : null;
                return DockerErrors.FromResponse((int)api.StatusCode, message, method, path, target);
            case JsonException json:
                return new DockerEngineException($"The Docker engine's answer to {path} could not be read: {json.Message}", innerException: json);
        }

        // The connector's own exceptions (unreachable, bad TLS files) may arrive wrapped.
        for (var inner = ex.InnerException; inner is not null; inner = inner.InnerException)
        {
            if (inner is DockerEngineException engine) return engine;
        }

        return ex switch
        {
            HttpRequestException { InnerException: System.Net.Sockets.SocketException } => new DockerUnreachableException(Endpoint, ex.Message, ex),
            IOException or HttpRequestException or EndOfStreamException =>
                new DockerEngineException($"The connection to the Docker engine at {Endpoint} broke during {method} {path}: {ex.Message}", innerException: ex),
            _ => null,
        };
    }

    private static IReadOnlyList<T> ReadOnly<T>(IList<T>? list) => list as IReadOnlyList<T> ?? list?.ToList() ?? [];

    private static string ContainerPath(string id, string suffix)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        return $"/containers/{Uri.EscapeDataString(id)}{suffix}";
    }
}
