namespace Portal.Provisioning.Templates.Loading;

/// <summary>Finds the known field a misspelt one was probably meant to be (<c>defualt</c> → <c>default</c>).</summary>
internal static class FieldNameSuggestion
{
    private const int MaxEdits = 2;

    public static string? Closest(string name, IEnumerable<string> known)
    {
        string? best = null;
        var bestDistance = MaxEdits + 1;
        foreach (var candidate in known)
        {
            var distance = EditDistance(name.ToLowerInvariant(), candidate.ToLowerInvariant());
            if (distance < bestDistance)
            {
                (best, bestDistance) = (candidate, distance);
            }
        }

        return best;
    }

    // Levenshtein distance with one row of memory; field names are short.
    private static int EditDistance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j] + 1, current[j - 1] + 1));
            }

            previous = current;
        }

        return previous[b.Length];
    }
}
