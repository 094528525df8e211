using System.Collections.ObjectModel;
using System.Reflection;

namespace ContainerMcp.Module.Tests.Fixtures;

/// <summary>What PowerShell would read from one cmdlet class's attributes, read from metadata instead.</summary>
public sealed record CmdletMetadata(
    Type Class,
    string Verb,
    string Noun,
    bool SupportsShouldProcess,
    IReadOnlyList<Type> OutputTypes,
    IReadOnlyList<string> OutputTypeNames,
    IReadOnlyList<ParameterMetadata> Parameters)
{
    public string Name => $"{Verb}-{Noun}";

    public ParameterMetadata Parameter(string name) =>
        Parameters.SingleOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new Xunit.Sdk.XunitException($"{Name} has no parameter -{name}. It has: {string.Join(", ", Parameters.Select(p => "-" + p.Name))}.");

    /// <summary>Parameters that take the pipeline object itself whose type is (or derives from) the given type's name.</summary>
    public IEnumerable<ParameterMetadata> ByValueParametersOf(string typeFullName) =>
        Parameters.Where(p => p.Bindings.Any(b => b.ValueFromPipeline) && TypeIs(p.Type, typeFullName));

    public static CmdletMetadata? TryRead(Type type)
    {
        var cmdlet = Attribute(type, "System.Management.Automation.CmdletAttribute");
        if (cmdlet is null) return null;

        var outputs = type.GetCustomAttributesData()
            .Where(a => a.AttributeType.FullName == "System.Management.Automation.OutputTypeAttribute")
            .SelectMany(a => a.ConstructorArguments)
            .SelectMany(Values)
            .ToList();

        var parameters = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Select(ParameterMetadata.TryRead)
            .OfType<ParameterMetadata>()
            .ToList();

        return new CmdletMetadata(
            type,
            (string)cmdlet.ConstructorArguments[0].Value!,
            (string)cmdlet.ConstructorArguments[1].Value!,
            Named(cmdlet, "SupportsShouldProcess") is true,
            outputs.OfType<Type>().ToList(),
            outputs.Select(o => o is Type t ? t.FullName! : (string)o!).ToList(),
            parameters);
    }

    internal static CustomAttributeData? Attribute(MemberInfo member, string fullName) =>
        member.GetCustomAttributesData().FirstOrDefault(a => a.AttributeType.FullName == fullName);

    internal static object? Named(CustomAttributeData attribute, string name)
    {
        foreach (var argument in attribute.NamedArguments)
        {
            if (argument.MemberName == name) return argument.TypedValue.Value;
        }
        return null;
    }

    /// <summary>A constructor argument's values: one for a scalar, each element for a params array.</summary>
    internal static IEnumerable<object?> Values(CustomAttributeTypedArgument argument) =>
        argument.Value is ReadOnlyCollection<CustomAttributeTypedArgument> items ? items.Select(i => i.Value) : [argument.Value];

    /// <summary>True for the type, a type derived from it, or an array of either (PowerShell binds one object to T[]).</summary>
    internal static bool TypeIs(Type type, string fullName)
    {
        for (Type? t = type.IsArray ? type.GetElementType() : type; t is not null; t = t.BaseType)
        {
            if (t.FullName == fullName) return true;
        }
        return false;
    }
}

/// <summary>One [Parameter] property: its type, aliases, and one binding per parameter set it is in.</summary>
public sealed record ParameterMetadata(
    string Name,
    Type Type,
    IReadOnlyList<string> Aliases,
    bool SupportsWildcards,
    IReadOnlyList<ParameterBinding> Bindings)
{
    /// <summary>The type as Get-Help shows it: <c>int?</c> is <c>&lt;int&gt;</c>, an optional value.</summary>
    public string TypeName => (Type.IsGenericType && Type.GetGenericTypeDefinition().FullName == "System.Nullable`1"
        ? Type.GetGenericArguments()[0] : Type).FullName!;

    /// <summary>The property names of a pipeline object this parameter binds from by property name.</summary>
    public IEnumerable<string> PropertyNamesItBindsFrom =>
        Bindings.Any(b => b.ValueFromPipelineByPropertyName) ? Aliases.Prepend(Name) : [];

    public bool IsPositionalAt(int position) => Bindings.Any(b => b.Position == position);

    public static ParameterMetadata? TryRead(PropertyInfo property)
    {
        var bindings = property.GetCustomAttributesData()
            .Where(a => a.AttributeType.FullName == "System.Management.Automation.ParameterAttribute")
            .Select(a => new ParameterBinding(
                CmdletMetadata.Named(a, "ParameterSetName") as string ?? "__AllParameterSets",
                CmdletMetadata.Named(a, "Position") as int? ?? int.MinValue,
                CmdletMetadata.Named(a, "Mandatory") is true,
                CmdletMetadata.Named(a, "ValueFromPipeline") is true,
                CmdletMetadata.Named(a, "ValueFromPipelineByPropertyName") is true))
            .ToList();
        if (bindings.Count == 0) return null;

        var aliases = property.GetCustomAttributesData()
            .Where(a => a.AttributeType.FullName == "System.Management.Automation.AliasAttribute")
            .SelectMany(a => a.ConstructorArguments)
            .SelectMany(CmdletMetadata.Values)
            .OfType<string>()
            .ToList();
        var wildcards = CmdletMetadata.Attribute(property, "System.Management.Automation.SupportsWildcardsAttribute") is not null;
        return new ParameterMetadata(property.Name, property.PropertyType, aliases, wildcards, bindings);
    }
}

public sealed record ParameterBinding(string ParameterSet, int Position, bool Mandatory, bool ValueFromPipeline, bool ValueFromPipelineByPropertyName);
