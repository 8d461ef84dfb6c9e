using System.Text;
using CsCheck;

namespace CnnMem.Tests.Properties;

/// <summary>
/// Generates chain CNNs that are valid by construction, tracking H, W, C on the way so each net
/// comes with its parameter count and textbook activation count from first principles:
/// conv = F x (C x K x K + 1); fc = U x (features + 1); counted outputs = convs, pools and fcs, plus the input.
/// </summary>
public static class RandomNets
{
    public static readonly Gen<RandomNet> Gen =
        CsCheck.Gen.Select(CsCheck.Gen.Int[1, 40], CsCheck.Gen.Int[1, 40], CsCheck.Gen.Int[1, 4], CsCheck.Gen.Int[0, int.MaxValue].Array[1, 10])
            .Select(t => Build(t.Item1, t.Item2, t.Item3, t.Item4));

    public static RandomNet Build(long h, long w, long c, int[] choices)
    {
        var text = new StringBuilder($"input {h}x{w}x{c}\n");
        long prms = 0, trainable = 0;
        var acts = h * w * c;
        long? features = null; // set once a fully connected layer flattened the image
        foreach (var choice in choices)
        {
            var arg = choice / 8;
            switch (choice % 8)
            {
                case 0 when features is null:
                case 1 when features is null:
                    {
                        long f = 1 + (arg % 16), k = 1 + (arg / 16 % 3), s = 1 + (arg / 48 % 2);
                        var frozen = choice % 8 == 1;
                        text.Append($"conv {f} {k}x{k} pad=same stride={s}{(frozen ? " trainable=false" : "")}\n");
                        var p = f * ((c * k * k) + 1);
                        prms += p;
                        trainable += frozen ? 0 : p;
                        (h, w, c) = ((h + s - 1) / s, (w + s - 1) / s, f);
                        acts += h * w * c;
                        break;
                    }
                case 2 when features is null && h >= 2 && w >= 2:
                case 3 when features is null && h >= 2 && w >= 2:
                    {
                        var ceil = arg % 2 == 1;
                        text.Append($"{(choice % 8 == 2 ? "maxpool" : "avgpool")} 2x2{(ceil ? " ceil=true" : "")}\n");
                        (h, w) = ceil ? ((h + 1) / 2, (w + 1) / 2) : (h / 2, w / 2);
                        acts += h * w * c;
                        break;
                    }
                case 4:
                    text.Append(arg % 2 == 0 ? "relu\n" : "tanh\n");
                    break;
                case 5:
                    {
                        long units = 1 + (arg % 64);
                        text.Append($"fc {units}\n");
                        var p = units * ((features ?? (h * w * c)) + 1);
                        prms += p;
                        trainable += p;
                        features = units;
                        acts += units;
                        break;
                    }
                default:
                    text.Append("relu\n");
                    break;
            }
        }
        return new RandomNet(text.ToString(), prms, trainable, acts);
    }
}
