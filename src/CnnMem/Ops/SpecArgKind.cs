namespace CnnMem.Ops;

/// <summary>How a spec-file argument is written and what attribute value it becomes.</summary>
internal enum SpecArgKind
{
    /// <summary>A whole number: <c>32</c> -> Int.</summary>
    Int,

    /// <summary>A number: <c>0.5</c> -> Float.</summary>
    Float,

    /// <summary><c>true</c>/<c>false</c> -> Int 1/0.</summary>
    Bool,

    /// <summary>A word -> String.</summary>
    Word,

    /// <summary>A spatial size <c>3x3</c> (or <c>3</c> for 3x3) -> Ints [3,3].</summary>
    Size,

    /// <summary>Padding: <c>same</c>/<c>valid</c> -> attribute <c>auto_pad</c> (SAME_UPPER/VALID);
    /// <c>P</c> -> pads [P,P,P,P]; <c>PH,PW</c> -> [PH,PW,PH,PW]; <c>T,L,B,R</c> -> [T,L,B,R].</summary>
    Pads,

    /// <summary>Names of earlier layers, taken as node inputs (<c>add A B</c>). Positional only, takes the rest of the line.</summary>
    LayerRefs,
}
