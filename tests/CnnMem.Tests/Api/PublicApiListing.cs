using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text;

namespace CnnMem.Tests.Api;

/// <summary>
/// The public surface of an assembly as text, one line per exported type and an indented line per public or protected
/// member, sorted, with C# type names, nullability and <c>required</c>, so a change to the API shows as a diff of eng/public-api.txt.
/// Members every record or class gets from the compiler or from object (Equals, GetHashCode, ToString, the record's
/// clone and equality contract) are left out: they follow from the type's kind.
/// </summary>
internal static class PublicApiListing
{
    private static readonly HashSet<string> Implied = new(StringComparer.Ordinal)
    {
        "Equals", "GetHashCode", "ToString", "<Clone>$", "PrintMembers", "op_Equality", "op_Inequality", "get_EqualityContract",
        "EqualityContract",
    };

    private const BindingFlags Declared = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    public static string Describe(params Assembly[] assemblies)
    {
        var sb = new StringBuilder();
        foreach (var assembly in assemblies.OrderBy(a => a.GetName().Name, StringComparer.Ordinal))
        {
            sb.Append("# ").Append(assembly.GetName().Name).Append('\n');
            foreach (var type in assembly.GetExportedTypes().OrderBy(t => t.FullName, StringComparer.Ordinal))
            {
                sb.Append(Kind(type)).Append(' ').Append(type.Namespace).Append('.').Append(Name(type)).Append(Bases(type)).Append('\n');
                // constructors first, then members by name
                foreach (var (_, line) in Members(type).OrderBy(m => m.Key, StringComparer.Ordinal).ThenBy(m => m.Line, StringComparer.Ordinal))
                {
                    sb.Append("  ").Append(line).Append('\n');
                }
            }
        }
        return sb.ToString();
    }

    private static string Kind(Type t) =>
        t.IsEnum ? "enum"
        : t.IsInterface ? "interface"
        : t.IsValueType ? "struct"
        : t.GetMethod("<Clone>$") is not null ? (t.IsSealed ? "sealed record" : "record")
        : t.IsAbstract && t.IsSealed ? "static class"
        : t.IsSealed ? "sealed class"
        : t.IsAbstract ? "abstract class"
        : "class";

    private static string Bases(Type t)
    {
        if (t.IsEnum)
        {
            return "";
        }
        var bases = new List<string>();
        if (t.BaseType is { } b && b != typeof(object) && b != typeof(ValueType))
        {
            bases.Add(TypeName(b, null));
        }
        bases.AddRange(t.GetInterfaces()
            .Where(i => i != typeof(IEquatable<>).MakeGenericType(t))
            .Where(i => t.BaseType is null || !i.IsAssignableFrom(t.BaseType))
            .Select(i => TypeName(i, null))
            .Order(StringComparer.Ordinal));
        return bases.Count == 0 ? "" : " : " + string.Join(", ", bases);
    }

    private static IEnumerable<(string Key, string Line)> Members(Type type)
    {
        if (type.IsEnum)
        {
            foreach (var (name, i) in Enum.GetNames(type).Select((n, i) => (n, i)))
            {
                // in declaration order, as the values go
                yield return (i.ToString("D4", System.Globalization.CultureInfo.InvariantCulture), $"{name} = {Convert.ToInt64(Enum.Parse(type, name), System.Globalization.CultureInfo.InvariantCulture)}");
            }
            yield break;
        }
        var nullability = new NullabilityInfoContext();
        foreach (var member in type.GetMembers(Declared))
        {
            if (!Visible(member) || Implied.Contains(member.Name) || member.IsDefined(typeof(CompilerGeneratedAttribute)))
            {
                continue;
            }
            switch (member)
            {
                case PropertyInfo p:
                    var accessors = string.Join(" ", new[] { Accessor(p.GetMethod, "get"), Accessor(p.SetMethod, IsInit(p) ? "init" : "set") }.OfType<string>());
                    var name = p.GetIndexParameters() is { Length: > 0 } index
                        ? $"this[{string.Join(", ", index.Select(i => TypeName(i.ParameterType, nullability.Create(i)) + " " + i.Name))}]"
                        : p.Name;
                    // required is part of the contract: a caller's object initializer must set the member
                    var required = p.IsDefined(typeof(RequiredMemberAttribute)) ? "required " : "";
                    yield return (name, $"{Static(p.GetMethod ?? p.SetMethod)}{required}{TypeName(p.PropertyType, nullability.Create(p))} {name} {{ {accessors} }}");
                    break;
                case FieldInfo f:
                    yield return (f.Name, $"{(f.IsLiteral ? "const " : f.IsStatic ? "static " : "")}{(f.IsInitOnly ? "readonly " : "")}{TypeName(f.FieldType, nullability.Create(f))} {f.Name}");
                    break;
                case ConstructorInfo c:
                    yield return ("", $"{Static(c)}{Name(type)}({Parameters(c, nullability)})");
                    break;
                case MethodInfo m when !m.IsSpecialName || m.Name.StartsWith("op_", StringComparison.Ordinal):
                    yield return (m.Name, $"{Static(m)}{TypeName(m.ReturnType, nullability.Create(m.ReturnParameter))} {m.Name}{Generics(m)}({Parameters(m, nullability)})");
                    break;
                case EventInfo e:
                    yield return (e.Name, $"event {TypeName(e.EventHandlerType!, null)} {e.Name}");
                    break;
            }
        }
    }

    private static bool Visible(MemberInfo member) => member switch
    {
        MethodBase m => m.IsPublic || m.IsFamily || m.IsFamilyOrAssembly,
        FieldInfo f => f.IsPublic || f.IsFamily || f.IsFamilyOrAssembly,
        PropertyInfo p => new[] { p.GetMethod, p.SetMethod }.Any(a => a is not null && Visible(a)),
        EventInfo e => e.AddMethod is { } add && Visible(add),
        Type => false, // nested public types are listed as types by GetExportedTypes
        _ => false,
    };

    private static string? Accessor(MethodInfo? accessor, string name) =>
        accessor is null || !Visible(accessor) ? null : (accessor.IsFamily || accessor.IsFamilyOrAssembly ? "protected " : "") + name + ";";

    private static bool IsInit(PropertyInfo p) =>
        p.SetMethod?.ReturnParameter.GetRequiredCustomModifiers().Any(m => m.FullName == "System.Runtime.CompilerServices.IsExternalInit") == true;

    private static string Static(MethodBase? m) => m is { IsStatic: true } ? "static " : "";

    private static string Generics(MethodInfo m) =>
        m.IsGenericMethodDefinition ? $"<{string.Join(", ", m.GetGenericArguments().Select(a => a.Name))}>" : "";

    private static string Parameters(MethodBase m, NullabilityInfoContext nullability) =>
        string.Join(", ", m.GetParameters().Select(p =>
            (p.IsOut ? "out " : p.ParameterType.IsByRef ? "ref " : "")
            + (p.IsDefined(typeof(ParamArrayAttribute)) ? "params " : "")
            + TypeName(p.ParameterType.IsByRef ? p.ParameterType.GetElementType()! : p.ParameterType, nullability.Create(p))
            + " " + p.Name
            + (p.HasDefaultValue ? " = " + Literal(p.DefaultValue) : "")));

    private static string Literal(object? value) => value switch
    {
        null => "null",
        string s => $"\"{s}\"",
        bool b => b ? "true" : "false",
        _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)!,
    };

    private static string Name(Type t)
    {
        var name = t.IsNested ? Name(t.DeclaringType!) + "." + t.Name : t.Name;
        var tick = name.IndexOf('`', StringComparison.Ordinal);
        return tick < 0 ? name : $"{name[..tick]}<{string.Join(", ", t.GetGenericArguments().Select(a => a.Name))}>";
    }

    private static string TypeName(Type t, NullabilityInfo? info)
    {
        if (Nullable.GetUnderlyingType(t) is { } inner)
        {
            return TypeName(inner, info?.GenericTypeArguments.FirstOrDefault()) + "?";
        }
        var nullable = !t.IsValueType && info?.ReadState == NullabilityState.Nullable ? "?" : "";
        if (t.IsArray)
        {
            return TypeName(t.GetElementType()!, info?.ElementType) + "[]" + nullable;
        }
        if (t.IsGenericParameter)
        {
            return t.Name + nullable;
        }
        if (Keywords.TryGetValue(t, out var keyword))
        {
            return keyword + nullable;
        }
        if (!t.IsGenericType)
        {
            return t.Name + nullable;
        }
        var args = t.GetGenericArguments();
        if (t.FullName?.StartsWith("System.ValueTuple`", StringComparison.Ordinal) == true)
        {
            return $"({string.Join(", ", args.Select((a, i) => TypeName(a, info?.GenericTypeArguments.ElementAtOrDefault(i))))})";
        }
        var name = t.Name[..t.Name.IndexOf('`', StringComparison.Ordinal)];
        return $"{name}<{string.Join(", ", args.Select((a, i) => TypeName(a, info?.GenericTypeArguments.ElementAtOrDefault(i))))}>{nullable}";
    }

    private static readonly Dictionary<Type, string> Keywords = new()
    {
        [typeof(void)] = "void", [typeof(object)] = "object", [typeof(string)] = "string", [typeof(bool)] = "bool",
        [typeof(byte)] = "byte", [typeof(int)] = "int", [typeof(long)] = "long", [typeof(double)] = "double", [typeof(float)] = "float",
        [typeof(char)] = "char", [typeof(decimal)] = "decimal", [typeof(short)] = "short", [typeof(uint)] = "uint", [typeof(ulong)] = "ulong",
    };
}
