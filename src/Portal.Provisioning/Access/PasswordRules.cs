namespace Portal.Provisioning.Access;

/// <summary>Password rules: at least 12 characters, not the user name, not one of the most common passwords.</summary>
public static class PasswordRules
{
    public const int MinimumLength = 12;

    // The longest entries of the common-password lists (the short ones fail the length rule anyway).
    private static readonly HashSet<string> s_common = new(StringComparer.OrdinalIgnoreCase)
    {
        "123456789012", "1234567890123", "12345678901234", "123456789abc", "1q2w3e4r5t6y", "1qaz2wsx3edc", "qwertyuiop12",
        "qwertyuiopasdf", "qwerty123456", "password1234", "password12345", "password123!", "passwordpassword", "Password1234",
        "iloveyou1234", "administrator", "administrator1", "letmein12345", "welcome12345", "changeme1234", "changemenow!",
        "abc123456789", "aaaaaaaaaaaa", "111111111111", "000000000000", "football1234", "baseball1234", "superman1234",
        "trustno1trustno1", "monkey123456", "sunshine1234", "princess1234", "dragon123456", "master123456", "portalportal",
        "portal123456", "adminadmin12", "admin1234567", "correcthorsebatterystaple", "p@ssw0rd1234", "p@ssword1234",
    };

    /// <summary>The problem with <paramref name="password"/> for <paramref name="userName"/>, or null when it is fine.</summary>
    public static string? Validate(string? userName, string? password)
    {
        if (string.IsNullOrEmpty(password) || password.Length < MinimumLength)
        {
            return $"Use at least {MinimumLength} characters.";
        }

        if (!string.IsNullOrEmpty(userName) && password.Contains(userName, StringComparison.OrdinalIgnoreCase) && password.Length < userName.Length + 6)
        {
            return "The password must not be (or be little more than) the user name.";
        }

        return s_common.Contains(password) ? "That password is one of the most common ones; choose another." : null;
    }
}
