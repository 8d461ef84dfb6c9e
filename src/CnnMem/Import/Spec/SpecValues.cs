using System.Collections.Immutable;
using System.Globalization;
using CnnMem.Graphs;
using CnnMem.Ops;

namespace CnnMem.Import.Spec;

/// <summary>
/// Reads one argument value as written in a spec (<c>32</c>, <c>0.5</c>, <c>true</c>, <c>3x3</c>,
/// <c>same</c>, <c>1,0,1,0</c>) into the attribute value its <see cref="SpecArgKind"/> calls for.
/// Every number is bounded by <see cref="MaxNumber"/> so a typo cannot turn into a 64-bit overflow later.
/// </summary>
internal static class SpecValues
{
    /// <summary>No real layer has a count, size or pad beyond this.</summary>
    public const long MaxNumber = int.MaxValue;

    /// <summary>The attributes a value sets: usually one (the arg's own), but padding words set <c>auto_pad</c>.</summary>
    public static ImmutableArray<(string Attribute, AttrValue Value)> Read(SpecSite site, SpecArg arg, SpecToken value)
    {
        var text = value.Text;
        switch (arg.Kind)
        {
            case SpecArgKind.Int:
                return One(arg, AttrValue.Of(Integer(site, value, text, $"a whole number for {arg.Name}", allowNegative: true)));
            case SpecArgKind.Float:
                if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var f) || !double.IsFinite(f))
                {
                    throw site.Error(value, $"expected a number such as 0.5 for {arg.Name}, found '{text}'");
                }
                return One(arg, AttrValue.Of(f));
            case SpecArgKind.Bool:
                return One(arg, AttrValue.Of(Bool(site, value, arg.Name) ? 1L : 0L));
            case SpecArgKind.Word:
                return One(arg, AttrValue.Of(text));
            case SpecArgKind.Size:
                return One(arg, AttrValue.Of(Size(site, value)));
            case SpecArgKind.Pads:
                return Pads(site, arg, value);
            default:
                throw site.Error(value, $"argument {arg.Name} of kind {arg.Kind} cannot be written as a value");
        }
    }

    public static bool Bool(SpecSite site, SpecToken value, string name)
    {
        var t = value.Text.ToLowerInvariant();
        return t switch
        {
            "true" or "1" or "yes" => true,
            "false" or "0" or "no" => false,
            _ => throw site.Error(value, $"expected true or false for {name}, found '{value.Text}'"),
        };
    }

    /// <summary><c>3x3</c>, <c>3x3x3</c>, or <c>3</c> meaning 3x3; every part at least 1.</summary>
    public static long[] Size(SpecSite site, SpecToken value)
    {
        var parts = value.Text.Split('x', 'X');
        var dims = new long[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!long.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out dims[i]) || dims[i] < 1 || dims[i] > MaxNumber)
            {
                throw site.Error(value, $"expected a size like 3x3 (or 3), found '{value.Text}'");
            }
        }
        return parts.Length == 1 ? new[] { dims[0], dims[0] } : dims;
    }

    public static long Integer(SpecSite site, SpecToken token, string text, string what, bool allowNegative)
    {
        var style = allowNegative ? NumberStyles.AllowLeadingSign : NumberStyles.None;
        if (!long.TryParse(text, style, CultureInfo.InvariantCulture, out var v))
        {
            throw site.Error(token, $"expected {what}, found '{text}'");
        }
        if (Math.Abs(v) > MaxNumber)
        {
            throw site.Error(token, $"expected {what} of at most {MaxNumber}, found '{text}'");
        }
        return v;
    }

    /// <summary>same, valid, P, PH,PW or T,L,B,R (ONNX's pads order [top, left, bottom, right]).</summary>
    private static ImmutableArray<(string, AttrValue)> Pads(SpecSite site, SpecArg arg, SpecToken value)
    {
        switch (value.Text.ToLowerInvariant())
        {
            case "same":
                return ImmutableArray.Create(("auto_pad", AttrValue.Of("SAME_UPPER")));
            case "valid":
                return ImmutableArray.Create(("auto_pad", AttrValue.Of("VALID")));
        }
        var parts = value.Text.Split(',');
        var p = new long[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!long.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out p[i]) || p[i] > MaxNumber)
            {
                p = Array.Empty<long>();
                break;
            }
        }
        long[]? pads = p.Length switch
        {
            1 => new[] { p[0], p[0], p[0], p[0] },
            2 => new[] { p[0], p[1], p[0], p[1] },
            4 => p,
            _ => null,
        };
        if (pads is null)
        {
            throw site.Error(value, $"expected padding as same, valid, P, PH,PW or T,L,B,R (whole numbers, 0 or more) for {arg.Name}, found '{value.Text}'");
        }
        return ImmutableArray.Create((arg.Attribute, AttrValue.Of(pads)));
    }

    private static ImmutableArray<(string, AttrValue)> One(SpecArg arg, AttrValue v) => ImmutableArray.Create((arg.Attribute, v));
}
