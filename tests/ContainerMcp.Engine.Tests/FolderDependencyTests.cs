using System.Reflection;
using System.Reflection.Emit;
using ContainerMcp.Engine.Servers;

namespace ContainerMcp.Engine.Tests;

/// <summary>
/// The engine's folders (Docker, Containers, Mcp, Servers, Config, Images, Audit, Observability) depend one way.
/// Read by reflection: every type's base, interfaces, fields, properties, signatures, locals and the members its
/// method bodies use, grouped by the folder (namespace below ContainerMcp.Engine) on each side.
/// </summary>
public sealed class FolderDependencyTests
{
    private static readonly Assembly Engine = typeof(ManagedServer).Assembly;

    [Fact]
    public void Engine_folders_depend_one_way_with_no_cycle()
    {
        var edges = FolderEdges(Engine);
        var cycle = FindCycle(edges.Keys);
        Assert.True(cycle is null, cycle is null ? "" :
            "Engine folders depend on each other in a cycle: " + string.Join(" → ", cycle) + ". Because: " +
            string.Join("; ", cycle.Zip(cycle.Skip(1)).Select(step => $"{step.First} → {step.Second}: {edges[step].First()}")) +
            ". Move the type to the folder that owns the concept, or invert the dependency with a small interface.");
    }

    [Fact]
    public void The_reading_sees_uses_in_method_bodies_and_signatures()
    {
        var edges = FolderEdges(Engine);
        // AttachedContainer calls the Docker client (a field) and starts spans through McpTelemetry (static calls only).
        Assert.Contains(("Containers", "Docker"), edges.Keys);
        Assert.Contains(("Containers", "Observability"), edges.Keys);
        Assert.Contains(("Servers", "Containers"), edges.Keys);
    }

    [Fact]
    public void A_cycle_is_found_and_named_in_order()
    {
        Assert.Null(FindCycle([("A", "B"), ("B", "C"), ("A", "C")]));
        Assert.Equal(["A", "B", "C", "A"], FindCycle([("A", "B"), ("B", "C"), ("C", "A"), ("C", "D")]));
    }

    /// <summary>Folder → folder, with the type-level uses that make each edge (for the failure message).</summary>
    private static Dictionary<(string From, string To), List<string>> FolderEdges(Assembly assembly)
    {
        var edges = new Dictionary<(string, string), List<string>>();
        foreach (var type in assembly.GetTypes())
        {
            if (Folder(type) is not { } from) continue;
            foreach (var used in Uses(type).SelectMany(Expand).Distinct())
            {
                if (Folder(used) is not { } to || to == from) continue;
                if (!edges.TryGetValue((from, to), out var why)) edges[(from, to)] = why = [];
                var reason = $"{Outer(type).Name} uses {Outer(used).Name}";
                if (!why.Contains(reason)) why.Add(reason);
            }
        }
        return edges;
    }

    /// <summary>The first cycle found, as a path that ends where it starts; null when there is none.</summary>
    private static List<string>? FindCycle(IEnumerable<(string From, string To)> edges)
    {
        var next = edges.GroupBy(e => e.From).ToDictionary(g => g.Key, g => g.Select(e => e.To).Order().ToList());
        var done = new HashSet<string>();
        var path = new List<string>();
        List<string>? Visit(string node)
        {
            if (path.IndexOf(node) is var at and >= 0) return [.. path[at..], node];
            if (!done.Add(node)) return null;
            path.Add(node);
            foreach (var to in next.GetValueOrDefault(node, []))
                if (Visit(to) is { } cycle) return cycle;
            path.RemoveAt(path.Count - 1);
            return null;
        }
        return next.Keys.Order().Select(Visit).FirstOrDefault(c => c is not null);
    }

    private static string? Folder(Type type) =>
        type.Namespace is { } ns && ns.StartsWith("ContainerMcp.Engine.", StringComparison.Ordinal) ? ns.Split('.')[2] : null;

    private static Type Outer(Type type) => type.DeclaringType is { } outer ? Outer(outer) : type;

    private const BindingFlags Declared = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance |
                                          BindingFlags.Static | BindingFlags.DeclaredOnly;

    private static IEnumerable<Type?> Uses(Type type)
    {
        yield return type.BaseType;
        foreach (var i in type.GetInterfaces()) yield return i;
        foreach (var f in type.GetFields(Declared)) yield return f.FieldType;
        foreach (var p in type.GetProperties(Declared)) yield return p.PropertyType;
        foreach (var method in type.GetMethods(Declared).Cast<MethodBase>().Concat(type.GetConstructors(Declared)))
        {
            if (method is MethodInfo m) yield return m.ReturnType;
            foreach (var p in method.GetParameters()) yield return p.ParameterType;
            if (method.GetMethodBody() is not { } body) continue;
            foreach (var local in body.LocalVariables) yield return local.LocalType;
            foreach (var member in MembersUsedBy(method, body.GetILAsByteArray() ?? []))
            {
                yield return member as Type ?? member.DeclaringType;
                if (member is MethodInfo { IsGenericMethod: true } generic)
                    foreach (var argument in generic.GetGenericArguments()) yield return argument;
            }
        }
    }

    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (OpCode)f.GetValue(null)!).ToDictionary(o => o.Value);

    /// <summary>The fields, methods and types a method body refers to, decoded instruction by instruction.</summary>
    private static IEnumerable<MemberInfo> MembersUsedBy(MethodBase method, byte[] il)
    {
        var typeArguments = method.DeclaringType is { IsGenericType: true } t ? t.GetGenericArguments() : null;
        var methodArguments = method.IsGenericMethod ? method.GetGenericArguments() : null;
        for (int i = 0; i < il.Length;)
        {
            var code = il[i] == 0xFE ? OpCodesByValue[unchecked((short)(0xFE00 | il[i + 1]))] : OpCodesByValue[il[i]];
            i += code.Size;
            switch (code.OperandType)
            {
                case OperandType.InlineField or OperandType.InlineMethod or OperandType.InlineType or OperandType.InlineTok:
                    MemberInfo? member = null;
                    try { member = method.Module.ResolveMember(BitConverter.ToInt32(il, i), typeArguments, methodArguments); }
                    catch (ArgumentException) { } // a token of a generic context it cannot resolve here
                    if (member is not null) yield return member;
                    i += 4;
                    break;
                case OperandType.InlineSwitch: i += 4 + 4 * BitConverter.ToInt32(il, i); break;
                case OperandType.InlineI8 or OperandType.InlineR: i += 8; break;
                case OperandType.InlineVar: i += 2; break;
                case OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar: i += 1; break;
                case OperandType.InlineNone: break;
                default: i += 4; break; // InlineBrTarget, InlineI, InlineSig, InlineString, ShortInlineR
            }
        }
    }

    /// <summary>A type with what it is made of: element types, generic arguments.</summary>
    private static IEnumerable<Type> Expand(Type? type)
    {
        if (type is null) yield break;
        if (type.HasElementType)
        {
            foreach (var inner in Expand(type.GetElementType())) yield return inner;
            yield break;
        }
        yield return type;
        if (type.IsGenericType)
            foreach (var argument in type.GetGenericArguments().SelectMany(Expand)) yield return argument;
    }
}
