namespace Portal.Provisioning.Kubernetes.Authentication;

/// <summary>What an <c>aws eks get-token</c> or <c>aws-iam-authenticator token</c> exec entry asks for.</summary>
public sealed record EksTokenRequest(string ClusterId, string Region, string? RoleArn, string? Profile)
{
    /// <summary>Recognises the AWS CLI and aws-iam-authenticator exec entries; null for any other plugin.</summary>
    public static EksTokenRequest? FromExecConfig(Configuration.ExecConfig exec)
    {
        ArgumentNullException.ThrowIfNull(exec);
        var args = exec.Args ?? [];
        var command = Path.GetFileName(exec.Command);
        var profile = exec.Env?.FirstOrDefault(e => e.Name == "AWS_PROFILE")?.Value;
        if (command == "aws" && ContainsPair(args, "eks", "get-token"))
        {
            var cluster = Option(args, "--cluster-name") ?? Option(args, "--cluster-id");
            return cluster is null ? null : new EksTokenRequest(
                cluster,
                Option(args, "--region") ?? exec.Env?.FirstOrDefault(e => e.Name == "AWS_REGION")?.Value ?? "us-east-1",
                Option(args, "--role-arn") ?? Option(args, "--role"),
                Option(args, "--profile") ?? profile);
        }

        if (command == "aws-iam-authenticator" && args.Contains("token"))
        {
            var cluster = Option(args, "-i") ?? Option(args, "--cluster-id");
            return cluster is null ? null : new EksTokenRequest(
                cluster,
                Option(args, "--region") ?? "us-east-1",
                Option(args, "-r") ?? Option(args, "--role"),
                profile);
        }

        return null;
    }

    private static bool ContainsPair(List<string> args, string first, string second)
    {
        for (var i = 0; i + 1 < args.Count; i++)
        {
            if (args[i] == first && args[i + 1] == second)
            {
                return true;
            }
        }

        return false;
    }

    private static string? Option(List<string> args, string name)
    {
        for (var i = 0; i < args.Count; i++)
        {
            if (args[i] == name && i + 1 < args.Count)
            {
                return args[i + 1];
            }

            if (args[i].StartsWith(name + "=", StringComparison.Ordinal))
            {
                return args[i][(name.Length + 1)..];
            }
        }

        return null;
    }
}
