using System.Text.Json.Serialization;

namespace ContainerMcp.Engine.Docker.Models;

/// <summary>One sample of <c>GET /containers/{id}/stats?stream=false</c> (snake_case in the API).</summary>
public sealed class ContainerStats
{
    [JsonPropertyName("read")] public DateTimeOffset Read { get; set; }
    [JsonPropertyName("memory_stats")] public MemoryStats? MemoryStats { get; set; }
    [JsonPropertyName("cpu_stats")] public CpuStats? CpuStats { get; set; }
    [JsonPropertyName("precpu_stats")] public CpuStats? PreCpuStats { get; set; }
    [JsonPropertyName("pids_stats")] public PidsStats? PidsStats { get; set; }
}

public sealed class MemoryStats
{
    [JsonPropertyName("usage")] public ulong Usage { get; set; }
    [JsonPropertyName("limit")] public ulong Limit { get; set; }
}

public sealed class CpuStats
{
    [JsonPropertyName("cpu_usage")] public CpuUsage? CpuUsage { get; set; }
    [JsonPropertyName("system_cpu_usage")] public ulong SystemCpuUsage { get; set; }
    [JsonPropertyName("online_cpus")] public uint OnlineCpus { get; set; }
}

public sealed class CpuUsage
{
    [JsonPropertyName("total_usage")] public ulong TotalUsage { get; set; }
}

public sealed class PidsStats
{
    [JsonPropertyName("current")] public ulong Current { get; set; }
    [JsonPropertyName("limit")] public ulong Limit { get; set; }
}
