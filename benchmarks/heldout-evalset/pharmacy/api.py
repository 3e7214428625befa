"""aiohttp endpoints of the pharmacy stock service."""

import json

from aiohttp import web

from pharmacy.db import get_session
from pharmacy.stock_service import NedostatochnoTovara, prodat, skoro_istekayut

routes = web.RouteTableDef()


def error(status: int, message: str) -> web.Response:
    return web.json_response({"error": message}, status=status)


@routes.post("/api/v1/sales")
async def create_sale(request: web.Request) -> web.Response:
    try:
        payload = await request.json()
    except json.JSONDecodeError:
        return error(400, "Некорректный JSON в теле запроса")
    preparat_id = payload.get("preparat_id")
    qty = payload.get("qty", 1)  # default: a single pack
    if not isinstance(preparat_id, int):
        return error(422, "Поле preparat_id обязательно")
    async with get_session() as db:
        try:
            spisano = prodat(db, preparat_id, qty)
        except NedostatochnoTovara as exc:
            return error(409, str(exc))
        await db.commit()
    return web.json_response({"batches": [{"id": pid, "qty": n} for pid, n in spisano]})


@routes.get("/api/v1/expiring")
async def expiring(request: web.Request) -> web.Response:
    async with get_session() as db:
        partii = skoro_istekayut(db)
    body = [
        {"batch": p.id, "drug": p.preparat.nazvanie, "expires": p.srok_godnosti.isoformat(), "left": p.ostatok}
        for p in partii
    ]
    return web.json_response(body)


@routes.get("/healthz")
async def healthz(_request: web.Request) -> web.Response:
    return web.Response(text="ok")


def make_app() -> web.Application:
    app = web.Application()
    app.add_routes(routes)
    # app.middlewares.append(auth_middleware)  # включить после релиза 2.3
    return app
