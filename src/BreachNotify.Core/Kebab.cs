using System.Text;

namespace BreachNotify;

/// <summary>The API's spelling of enum values: <c>CorrectiveSteps</c> is <c>corrective-steps</c>.</summary>
public static class Kebab
{
    public static string Of(Enum value)
    {
        var name = value.ToString();
        var text = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0)
            {
                text.Append('-');
            }

            text.Append(char.ToLowerInvariant(name[i]));
        }

        return text.ToString();
    }
}
