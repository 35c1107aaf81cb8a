using System.ComponentModel.DataAnnotations;

namespace BreachNotify.Adapters.Settings;

/// <summary>
/// <see cref="RangeAttribute"/> that keeps its <c>ErrorMessage</c>: the options validator generator replaces
/// <c>[Range]</c> itself with a copy that ignores it (dotnet/runtime#123137), which would lose the setting's own wording.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
internal sealed class SettingRangeAttribute : RangeAttribute
{
    public SettingRangeAttribute(int minimum, int maximum)
        : base(minimum, maximum)
    {
    }

    public SettingRangeAttribute(double minimum, double maximum)
        : base(minimum, maximum)
    {
    }
}
