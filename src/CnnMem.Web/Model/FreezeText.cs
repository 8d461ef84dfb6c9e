using System.Collections.Immutable;

namespace CnnMem.Web.Model;

/// <summary>
/// The page's one-field form of the CLI's <c>--freeze</c>/<c>--trainable</c>: globs separated by spaces or commas, applied in
/// order; a glob is frozen, and one that starts with <c>+</c> is made trainable again (<c>* +fc*</c> fine-tunes the classifier).
/// </summary>
public static class FreezeText
{
    public static ImmutableArray<FreezeRule> Parse(string? text)
    {
        var rules = ImmutableArray.CreateBuilder<FreezeRule>();
        foreach (var token in (text ?? "").Split([' ', ',', '\t', '\n'], StringSplitOptions.RemoveEmptyEntries))
        {
            var trainable = token.StartsWith('+');
            var pattern = trainable ? token[1..] : token;
            if (pattern.Length == 0)
            {
                throw new CnnMemException("freeze: '+' needs a glob after it, e.g. +fc*");
            }
            rules.Add(new FreezeRule(pattern, trainable));
        }
        return rules.ToImmutable();
    }
}
