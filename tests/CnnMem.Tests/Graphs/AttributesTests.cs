using System.Collections.Immutable;
using CnnMem.Graphs;

namespace CnnMem.Tests.Graphs;

/// <summary>
/// <see cref="Attributes"/> is held as two arrays (what the ONNX importer builds) or made from a dictionary
/// (the public constructor); both answer the same, and <see cref="Attributes.Values"/> is the same map.
/// </summary>
public class AttributesTests
{
    private static readonly (string Name, AttrValue Value)[] Items =
    [
        ("pads", AttrValue.Of(new long[] { 1, 1, 1, 1 })),
        ("alpha", AttrValue.Of(0.5)),
        ("mode", AttrValue.Of("constant")),
        ("axis", AttrValue.Of(2L)),
    ];

    public static TheoryData<string> Forms() => new("dictionary", "arrays");

    private static Attributes Make(string form) => form == "arrays"
        ? new Attributes(Items.Select(i => i.Name).ToArray(), Items.Select(i => i.Value).ToArray())
        : Attributes.From(Items);

    [Theory]
    [MemberData(nameof(Forms))]
    public void Getters_ReadEachKind(string form)
    {
        var a = Make(form);
        Assert.Equal([1L, 1, 1, 1], a.Ints("pads")!.Value.ToArray());
        Assert.Equal(0.5, a.Float("alpha", 0));
        Assert.Equal(2.0, a.Float("axis", 0)); // an int where a float is asked for
        Assert.Equal("constant", a.Str("mode", ""));
        Assert.Equal(2L, a.IntOrNull("axis"));
        Assert.Equal(7L, a.Int("missing", 7));
        Assert.True(a.Has("mode"));
        Assert.False(a.Has("Mode"));
        Assert.Null(a.Floats("missing"));
    }

    [Theory]
    [MemberData(nameof(Forms))]
    public void WrongKind_NamesTheAttribute(string form)
    {
        var e = Assert.Throws<OpException>(() => Make(form).Ints("axis"));
        Assert.Equal("attribute 'axis' should be a list of integers but is an integer", e.Message);
    }

    [Theory]
    [MemberData(nameof(Forms))]
    public void ValuesToStringAndWith_AgreeBetweenForms(string form)
    {
        var a = Make(form);
        Assert.Equal(Items.Select(i => i.Name).Order(StringComparer.Ordinal), a.Values.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("alpha=0.5 axis=2 mode=constant pads=[1,1,1,1]", a.ToString());
        var b = a.With("axis", AttrValue.Of(3L));
        Assert.Equal(3L, b.Int("axis", 0));
        Assert.Equal(2L, a.Int("axis", 0));
        Assert.Same(a.Values, a.Values);
        Assert.IsType<ImmutableDictionary<string, AttrValue>>(a.Values);
    }
}
