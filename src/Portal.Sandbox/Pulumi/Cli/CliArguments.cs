namespace Portal.Sandbox.Pulumi;

/// <summary>pflag-style parsing: <c>--flag value</c> and <c>--flag=value</c>, short aliases, repeatable flags, global flags
/// anywhere, <c>--</c> ending flags. Boolean flags take no value unless written <c>--flag=false</c>.</summary>
internal sealed class CliArguments
{
    private static readonly HashSet<string> s_booleanFlags = new(StringComparer.Ordinal)
    {
        "non-interactive", "yes", "skip-preview", "json", "show-secrets", "secret", "plaintext", "path", "force", "diff",
        "expect-no-changes", "clear-pending-creates", "skip-pending-creates", "suppress-outputs", "suppress-progress",
        "show-sames", "show-replacement-steps", "continue-on-error", "target-dependents", "exclude-dependents", "logflow",
        "logtostderr", "debug", "emoji", "show-reads", "preview-only", "create", "all", "remove", "fully-qualify-stack-names",
        "no-select", "show-config", "show-policy-remediations", "insecure", "local", "strict", "run-program", "generate-code",
        "protect", "exclude-protected", "disable-integrity-checking", "attach-debugger", "help",
    };

    // --refresh is a string flag whose bare form means "true" (NoOptDefVal), so it never consumes the next argument.
    private static readonly HashSet<string> s_optionalValueFlags = new(StringComparer.Ordinal) { "refresh" };

    private static readonly Dictionary<string, string> s_aliases = new(StringComparer.Ordinal)
    {
        ["s"] = "stack", ["y"] = "yes", ["j"] = "json", ["f"] = "force", ["m"] = "message", ["t"] = "target",
        ["p"] = "parallel", ["C"] = "cwd", ["Q"] = "fully-qualify-stack-names", ["v"] = "verbose", ["r"] = "refresh", ["h"] = "help",
    };

    private readonly Dictionary<string, List<string>> _flags = new(StringComparer.Ordinal);

    public List<string> Positionals { get; } = [];

    public static CliArguments Parse(IReadOnlyList<string> args)
    {
        var parsed = new CliArguments();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg == "--")
            {
                parsed.Positionals.AddRange(args.Skip(i + 1));
                break;
            }

            if (arg.Length < 2 || arg[0] != '-')
            {
                parsed.Positionals.Add(arg);
                continue;
            }

            var body = arg.StartsWith("--", StringComparison.Ordinal) ? arg[2..] : arg[1..];
            string? value = null;
            var equals = body.IndexOf('=', StringComparison.Ordinal);
            if (equals >= 0)
            {
                value = body[(equals + 1)..];
                body = body[..equals];
            }

            var name = s_aliases.GetValueOrDefault(body, body);

            // `config set-all` redefines --plaintext and --secret as repeatable key=value flags.
            var isBoolean = s_booleanFlags.Contains(name) && !(name is "plaintext" or "secret" && parsed.Positionals is ["config", "set-all", ..]);
            if (value is null && !isBoolean && !s_optionalValueFlags.Contains(name))
            {
                if (i + 1 >= args.Count)
                {
                    throw new CliException($"flag needs an argument: --{name}", CliExitCodes.Invocation);
                }

                value = args[++i];
            }

            parsed.Add(name, value ?? "true");
        }

        return parsed;
    }

    public bool Has(string name) => _flags.TryGetValue(name, out var values) && values[^1] is not ("false" or "0");

    public string? Get(string name) => _flags.TryGetValue(name, out var values) ? values[^1] : null;

    public IReadOnlyList<string> GetAll(string name) => _flags.TryGetValue(name, out var values) ? values : [];

    public int GetInt(string name, int defaultValue) =>
        Get(name) is { } text ? int.TryParse(text, out var value) ? value : throw new CliException($"invalid argument \"{text}\" for \"--{name}\"", CliExitCodes.Invocation) : defaultValue;

    private void Add(string name, string value)
    {
        if (!_flags.TryGetValue(name, out var values))
        {
            _flags[name] = values = [];
        }

        values.Add(value);
    }
}
