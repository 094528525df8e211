namespace ContainerMcp.Engine.Docker.Models;

/// <summary>Body of <c>POST /networks/create</c>.</summary>
public sealed class NetworkCreateRequest
{
    public required string Name { get; set; }
    public string Driver { get; set; } = "bridge";

    /// <summary>No route out of the network: containers on it reach each other and nothing else.</summary>
    public bool Internal { get; set; }

    /// <summary>Refuse a second network of the same name (API before 1.44 allows duplicates otherwise).</summary>
    public bool CheckDuplicate { get; set; } = true;

    public Dictionary<string, string>? Labels { get; set; }

    /// <summary>Driver options, e.g. <c>com.docker.network.bridge.inhibit_ipv4</c>.</summary>
    public Dictionary<string, string>? Options { get; set; }
}

public sealed class NetworkCreateResponse
{
    public string Id { get; set; } = "";
    public string? Warning { get; set; }
}

/// <summary>One network as <c>GET /networks/{id}</c> and <c>GET /networks</c> describe it.</summary>
public sealed class NetworkInspect
{
    public string Id { get; set; } = "";
    public string Name { get; set; } = "";
    public DateTimeOffset Created { get; set; }
    public string Driver { get; set; } = "";
    public bool Internal { get; set; }
    public NetworkIpam? IPAM { get; set; }
    public Dictionary<string, string>? Labels { get; set; }
    public Dictionary<string, string>? Options { get; set; }

    /// <summary>Running containers with an endpoint on the network (list answers leave it empty).</summary>
    public Dictionary<string, NetworkContainer>? Containers { get; set; }
}

public sealed class NetworkIpam
{
    public List<NetworkIpamConfig>? Config { get; set; }
}

public sealed class NetworkIpamConfig
{
    public string? Subnet { get; set; }
    public string? Gateway { get; set; }
}

public sealed class NetworkContainer
{
    public string? Name { get; set; }
    public string? IPv4Address { get; set; }
}
