# mockint API: the engine, the packaged model, the rubric bank and the prompts in one image.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    OMP_NUM_THREADS=1 \
    MOCKINT_HOST=0.0.0.0 \
    MOCKINT_PORT=8000 \
    MOCKINT_CACHE_DIR=/data/cache \
    MOCKINT_ONNX_DIR=/app/onnx \
    MOCKINT_RUBRICS_DIR=/app/rubrics \
    MOCKINT_PROMPTS_DIR=/app/prompts \
    MOCKINT_DATABASE_URL=sqlite:////data/mockint.db

WORKDIR /app
RUN useradd --system --create-home --home-dir /home/mockint mockint \
    && mkdir -p /data/cache && chown -R mockint /data

# Dependencies first, so a code change does not reinstall them. The CPU index keeps torch small
# (a plain PyPI torch is the multi-GB CUDA build).
COPY pyproject.toml constraints.txt README.md ./
RUN python -c "import tomllib; print('\n'.join(tomllib.load(open('pyproject.toml', 'rb'))['project']['dependencies']))" > /tmp/requirements.txt \
    && pip install --index-url https://download.pytorch.org/whl/cpu \
        --extra-index-url https://pypi.org/simple -c constraints.txt -r /tmp/requirements.txt
COPY bot ./bot
COPY api ./api
# Editable: the code (and api/migrations, which is not a package) is used from /app.
RUN pip install --no-deps -e .
# The default backend's int8 model, exported from the packaged weights into the image.
RUN python -m bot.scoring.onnx_backend

COPY rubrics ./rubrics
COPY prompts ./prompts

USER mockint
VOLUME ["/data"]
EXPOSE 8000
HEALTHCHECK --interval=15s --timeout=5s --start-period=120s --retries=5 \
    CMD python -c "import urllib.request,sys; sys.exit(urllib.request.urlopen('http://127.0.0.1:8000/readyz', timeout=4).status != 200)"
CMD ["mockint-api", "serve"]
