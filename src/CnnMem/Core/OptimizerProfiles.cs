using System.Collections.Immutable;

namespace CnnMem.Core;

/// <summary>
/// The optimizer table: one <see cref="OptimizerProfile"/> per <see cref="Optimizer"/>, the only place cnnmem states
/// what an optimizer holds and makes (the plain training model, the CUDA replay's optimizer step, the device view, the
/// ZeRO/FSDP models and the textbook figures all read it). PyTorch's defaults throughout (no weight decay, no amsgrad,
/// no nesterov, RMSprop not centered, no momentum inside RMSprop, not capturable, not fused). The for-loop figures are
/// read in PyTorch 1.13's torch/optim (<c>_single_tensor_*</c>, unchanged in 2.x); the foreach figures in each version's
/// <c>_multi_tensor_*</c> (the path 2.x takes on CUDA; 1.13 takes it only when asked). Line numbers are 1.13.1's.
/// </summary>
internal static class OptimizerProfiles
{
    private static ImmutableArray<string> None => ImmutableArray<string>.Empty;

    /// <summary>sgd.py: <c>momentum=0</c> keeps no buffer; <c>param.add_(d_p, alpha=-lr)</c> / <c>_foreach_add_(params, grads)</c>.</summary>
    public static readonly OptimizerProfile Sgd = new(Optimizer.Sgd, None, false, None, None, None,
        "torch/optim/sgd.py _single_tensor_sgd, _multi_tensor_sgd (momentum 0)");

    /// <summary>
    /// sgd.py:235 <c>buf = torch.clone(d_p).detach()</c> on the first step, then <c>buf.mul_(momentum).add_(d_p)</c> and
    /// <c>param.add_(buf, alpha=-lr)</c>; the foreach path clones per parameter too (sgd.py:290) and updates in place.
    /// </summary>
    public static readonly OptimizerProfile Momentum = new(Optimizer.Momentum, ["momentum_buffer"], false, None, None, None,
        "torch/optim/sgd.py _single_tensor_sgd:235, _multi_tensor_sgd:290");

    /// <summary>
    /// adam.py:212-220 <c>step</c> (<c>torch.tensor(0.)</c>), <c>exp_avg</c>, <c>exp_avg_sq</c> (<c>zeros_like</c>);
    /// adam.py:410 <c>denom = (exp_avg_sq.sqrt() / bias_correction2_sqrt).add_(eps)</c>: the sqrt and the quotient are
    /// alive together; 2.x <c>_multi_tensor_adam</c>: <c>exp_avg_sq_sqrt = torch._foreach_sqrt(exp_avg_sqs)</c>, then
    /// <c>_foreach_div_</c>, <c>_foreach_add_</c> and <c>_foreach_addcdiv_(params, exp_avgs, exp_avg_sq_sqrt)</c> in place;
    /// 1.13's adam.py:519-521 kept <c>exp_avg_sq_sqrt</c> and made <c>denom = torch._foreach_add(exp_avg_sq_sqrt, eps)</c>.
    /// </summary>
    public static readonly OptimizerProfile Adam = new(Optimizer.Adam, ["exp_avg", "exp_avg_sq"], true,
        ["exp_avg_sq.sqrt()", "exp_avg_sq.sqrt() / bias_correction2_sqrt"], ["_foreach_sqrt(exp_avg_sqs)"],
        ["_foreach_sqrt(exp_avg_sqs)", "_foreach_add(exp_avg_sq_sqrt, eps)"],
        "torch/optim/adam.py _single_tensor_adam:410, _multi_tensor_adam (1.13 :519-521, 2.x)");

    /// <summary>adamw.py:144-149, :316 and :418-420: Adam's state and expressions, with <c>param.mul_(1 - lr * weight_decay)</c> in place first.</summary>
    public static readonly OptimizerProfile AdamW = Adam with
    {
        Optimizer = Optimizer.AdamW,
        Source = "torch/optim/adamw.py _single_tensor_adamw:316, _multi_tensor_adamw (1.13 :418-420, 2.x; 2.x's AdamW is Adam with decoupled decay)",
    };

    /// <summary>
    /// rmsprop.py:131-132 <c>square_avg</c> (1.13 keeps <c>step</c> as a Python int; 2.x keeps a 0-d CPU tensor, not
    /// modelled: 4 bytes per parameter tensor on a 2.x CPU run); rmsprop.py:254 <c>avg = square_avg.sqrt()</c> then
    /// <c>avg.add_(eps)</c>; <c>_multi_tensor_rmsprop</c> (1.13 rmsprop.py:315-316, 2.x the same):
    /// <c>avg = torch._foreach_sqrt(square_avgs)</c>, <c>_foreach_add_(avg, eps)</c>.
    /// </summary>
    public static readonly OptimizerProfile RmsProp = new(Optimizer.RmsProp, ["square_avg"], false,
        ["square_avg.sqrt()"], ["_foreach_sqrt(square_avgs)"], ["_foreach_sqrt(square_avgs)"],
        "torch/optim/rmsprop.py _single_tensor_rmsprop:254, _multi_tensor_rmsprop:315 (1.13, 2.x)");

    /// <summary>
    /// adagrad.py:93-99 <c>step</c> (<c>torch.tensor(0.0)</c>) and <c>sum</c> (<c>full_like</c>, made in the constructor);
    /// adagrad.py:278 <c>std = state_sum.sqrt().add_(eps)</c>; 2.x <c>_multi_tensor_adagrad</c>:
    /// <c>std = torch._foreach_sqrt(state_sums)</c>, <c>_foreach_add_(std, eps)</c>, then (no weight decay, not maximize)
    /// <c>numerator = torch._foreach_mul(grads, minus_clr)</c> beside it; 1.13's adagrad.py:336-337
    /// <c>std = _foreach_add(_foreach_sqrt(state_sums), eps)</c> and <c>toAdd = _foreach_div(_foreach_mul(grads, minus_clr), std)</c>:
    /// std, the product and the quotient alive together.
    /// </summary>
    public static readonly OptimizerProfile Adagrad = new(Optimizer.Adagrad, ["sum"], true,
        ["state_sum.sqrt()"], ["_foreach_sqrt(state_sums)", "_foreach_mul(grads, minus_clr)"],
        ["_foreach_add(_foreach_sqrt(state_sums), eps)", "_foreach_mul(grads, minus_clr)", "_foreach_div(..., std)"],
        "torch/optim/adagrad.py _single_tensor_adagrad:278, _multi_tensor_adagrad (1.13 :336-337, 2.x)");

    /// <summary>Every profile, in <see cref="Optimizer"/>'s order.</summary>
    public static readonly ImmutableArray<OptimizerProfile> All = [Sgd, Momentum, Adam, AdamW, RmsProp, Adagrad];

    /// <summary>The profile of <paramref name="optimizer"/>.</summary>
    public static OptimizerProfile Of(Optimizer optimizer) =>
        (int)optimizer is var i && i >= 0 && i < All.Length && All[i].Optimizer == optimizer
            ? All[i]
            : throw new ArgumentOutOfRangeException(nameof(optimizer), optimizer, "no optimizer profile");
}
