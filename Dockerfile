# Portal: multi-stage build. Cannot be built on our development machines (no Docker engine there); CI builds it elsewhere.
#   docker build -t portal .
#   docker run -p 8080:8080 -v portal-data:/data -e PULUMI_CONFIG_PASSPHRASE=... -e AWS_REGION=... portal

# --- build: the .NET 10 SDK builds the net9.0 app, self-contained (see ../shared/STACK.md for why net9.0) ---
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig Portal.sln appsettings.json ./
COPY src/ src/
COPY templates/ templates/
RUN dotnet publish src/Portal.Web/Portal.Web.csproj -c Release -r linux-x64 --self-contained true -o /app \
    && dotnet publish src/Portal.Sandbox/Portal.Sandbox.csproj -c Release -r linux-x64 --self-contained true -o /app/sandbox

# --- pulumi: installed the official way (get.pulumi.com), pinned; the image runs it in live mode ---
FROM debian:12-slim AS pulumi
ARG PULUMI_VERSION=3.227.0
RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates curl \
    && curl -fsSL https://get.pulumi.com | sh -s -- --version "${PULUMI_VERSION}" \
    && /root/.pulumi/bin/pulumi version

# --- runtime: self-contained app on runtime-deps, non-root, data on a volume ---
FROM mcr.microsoft.com/dotnet/runtime-deps:9.0-bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends curl ca-certificates \
    && rm -rf /var/lib/apt/lists/* \
    && groupadd --system --gid 10001 portal \
    && useradd --system --uid 10001 --gid portal --home-dir /data --shell /usr/sbin/nologin portal \
    && mkdir -p /data && chown portal:portal /data
COPY --from=pulumi /root/.pulumi/bin/ /usr/local/bin/
COPY --from=build /app /app
WORKDIR /app
ENV ASPNETCORE_URLS=http://+:8080 \
    Portal__DataDirectory=/data \
    Portal__Mode=Live \
    PULUMI_SKIP_UPDATE_CHECK=true
USER portal:portal
VOLUME ["/data"]
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 CMD curl -fsS http://127.0.0.1:8080/health/live || exit 1
ENTRYPOINT ["/app/Portal.Web"]
